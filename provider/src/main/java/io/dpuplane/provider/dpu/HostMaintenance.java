package io.dpuplane.provider.dpu;

import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUObservation;
import io.dpuplane.apis.provisioning.v1alpha1.DPUParameters;
import io.dpuplane.apis.provisioning.v1alpha1.NodeDrain;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.event.EventRecorder;
import io.dpuplane.runtime.managed.GoDuration;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The host side of a DPU's provisioning: before the install, the host Node gets the DPU's node effect and,
 * for a drain, is emptied of its pods through the Eviction API; once the DPU is Ready (or deleted) the DPU
 * lets go of the effect, which leaves the Node with the last DPU of the host holding it. While the host is not
 * ready the DPU's Ready condition says what it waits for (the pods and budgets in the way), and a Warning
 * event marks each change of what blocks it.
 */
final class HostMaintenance {

    static final String EVICTION_BLOCKED = "EvictionBlocked";
    static final String DRAIN_TIMED_OUT = "DrainTimedOut";

    private final NodeEffects effects;
    private final HostDrain drain;
    private final EventRecorder events;
    private final Clock clock;
    private final Conditions conditions;

    HostMaintenance(KubernetesClient client, Clock clock) {
        this.effects = new NodeEffects(client, clock);
        this.drain = new HostDrain(client, clock);
        this.events = new EventRecorder(client, "managed/dpu");
        this.clock = clock;
        this.conditions = new Conditions(clock);
    }

    /** Whether the host is ready for the install: its effect in place and, for a drain, no pod left to evict. */
    boolean prepare(DPU dpu) {
        DPUParameters p = dpu.getSpec().getForProvider();
        Optional<HostEffect> effect = HostEffect.of(p.nodeEffect());
        if (effect.isEmpty()) {
            return true;
        }
        Instant since = effects.hold(p.hostNode(), NodeEffects.holder(dpu), effect.get());
        atProvider(dpu).setHostNodeEffect(effect.get().id());
        if (!(effect.get() instanceof HostEffect.Cordon)) {
            return true;
        }
        HostDrain.Pass pass = drain.pass(p.hostNode());
        if (pass.done()) {
            return true;
        }
        report(dpu, p.hostNode(), pass, since, timeout(p.nodeEffect().drain()));
        return false;
    }

    /**
     * The DPU no longer needs its host's effect (it is Ready, or going away). A DPU that holds none and asks for
     * none leaves the host Node alone: no read of it for each of a fleet's DPUs.
     */
    void release(DPU dpu) {
        DPUParameters p = dpu.getSpec().getForProvider();
        Optional<HostEffect> current = HostEffect.of(p.nodeEffect());
        if (current.isEmpty() && atProvider(dpu).getHostNodeEffect() == null) {
            return;
        }
        effects.release(p.hostNode(), NodeEffects.holder(dpu), current);
        atProvider(dpu).setHostNodeEffect(null);
    }

    private static DPUObservation atProvider(DPU dpu) {
        if (dpu.requireStatus().getAtProvider() == null) {
            dpu.getStatus().setAtProvider(new DPUObservation());
        }
        return dpu.getStatus().getAtProvider();
    }

    private void report(DPU dpu, String node, HostDrain.Pass pass, Instant since, Optional<Duration> timeout) {
        boolean timedOut = timeout.map(t -> Instant.now(clock).isAfter(since.plus(t))).orElse(false)
                && !pass.blocking().isEmpty();
        String left = String.join("; ", pass.blocking());
        if (!pass.terminating().isEmpty()) {
            left = (left.isEmpty() ? "" : left + "; ") + "waiting for evicted pods to terminate: "
                    + String.join(", ", pass.terminating());
        }
        String message = timedOut
                ? "drain of host Node " + node + " blocked for longer than drain.timeout " + dpu.getSpec()
                        .getForProvider().nodeEffect().drain().timeout() + " (since " + since + "); pods are never "
                        + "forced, the drain keeps trying: " + left
                : "draining host Node " + node + " before the install: " + left;
        String previous = Conditions.find(dpu.requireStatus().getConditions(), Conditions.READY)
                .map(c -> c.getMessage()).orElse(null);
        Conditions.mark(dpu, conditions.condition(Conditions.READY, false, "Creating", message));
        if (!pass.blocking().isEmpty() && !Objects.equals(previous, message)) {
            events.warn(dpu, timedOut ? DRAIN_TIMED_OUT : EVICTION_BLOCKED, message);
        }
    }

    private static Optional<Duration> timeout(NodeDrain drain) {
        return drain == null || drain.timeout() == null ? Optional.empty() : GoDuration.parse(drain.timeout());
    }
}
