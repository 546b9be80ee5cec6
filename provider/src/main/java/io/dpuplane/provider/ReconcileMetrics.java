package io.dpuplane.provider;

import io.dpuplane.runtime.managed.ManagedMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider's Prometheus metrics: reconciles per kind and result, their durations and errors, drift
 * repairs, and Crossplane's managed-resource gauges {@code crossplane_managed_resource_exists/ready/synced}.
 */
final class ReconcileMetrics implements ManagedMetrics {

    private record State(String kind, boolean ready, boolean synced) {
    }

    private final MeterRegistry registry;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, Boolean> gaugedKinds = new ConcurrentHashMap<>();

    ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void reconciled(String kind, Outcome outcome, Duration took) {
        Counter.builder("dpuplane.reconcile").description("Reconciles of managed resources, by kind and outcome")
                .tag("kind", kind).tag("outcome", outcome.name().toLowerCase()).register(registry).increment();
        Timer.builder("dpuplane.reconcile.duration").description("Time one reconcile took")
                .tag("kind", kind).register(registry).record(took);
        if (outcome == Outcome.ERROR) {
            Counter.builder("dpuplane.reconcile.errors").description("Reconciles that ended in an error condition")
                    .tag("kind", kind).register(registry).increment();
        }
    }

    @Override
    public void driftRepaired(String kind) {
        Counter.builder("dpuplane.drift.repaired").description("Updates that repaired drift of an external resource")
                .tag("kind", kind).register(registry).increment();
    }

    @Override
    public void state(String kind, String uid, boolean ready, boolean synced) {
        states.put(uid, new State(kind, ready, synced));
        gaugedKinds.computeIfAbsent(kind, this::registerGauges);
    }

    @Override
    public void removed(String kind, String uid) {
        states.remove(uid);
    }

    private boolean registerGauges(String kind) {
        gauge("crossplane_managed_resource_exists", "Managed resources that exist", kind, s -> true);
        gauge("crossplane_managed_resource_ready", "Managed resources that are Ready", kind, State::ready);
        gauge("crossplane_managed_resource_synced", "Managed resources that are Synced", kind, State::synced);
        return true;
    }

    private void gauge(String name, String description, String kind, java.util.function.Predicate<State> which) {
        Gauge.builder(name, states, m -> m.values().stream().filter(s -> s.kind().equals(kind)).filter(which).count())
                .description(description).tag("gvk", kind).register(registry);
    }
}
