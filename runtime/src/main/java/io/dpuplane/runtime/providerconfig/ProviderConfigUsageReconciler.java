package io.dpuplane.runtime.providerconfig;

import io.dpuplane.apis.config.v1alpha1.ProviderConfigStatus;
import io.dpuplane.apis.config.v1alpha1.ProviderConfigUsage;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.event.EventReason;
import io.dpuplane.runtime.event.EventRecorder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the managed resources that use a provider config (its ProviderConfigUsages, as the usage watch has
 * them), shows the count in {@code status.users}, and holds the {@code in-use.crossplane.io} finalizer so a config
 * in use cannot be deleted: deletion waits, with condition Terminating/InUse and a UsageAccounting event, until the
 * last user is gone.
 *
 * <p>A wave of a thousand new resources is a thousand usage events for one config: the count comes from the watch's
 * cache, not a list of every usage from the API server per event, and it is written when it changed, at most once
 * every {@link #USERS_EVERY} (the last change of a wave is written, after the wait).
 */
public abstract class ProviderConfigUsageReconciler<C extends CustomResource<?, ProviderConfigStatus>>
        implements Reconciler<C> {

    public static final String FINALIZER = "in-use.crossplane.io";
    static final Duration USERS_EVERY = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final String kind;
    private final boolean clusterScoped;
    private final Duration shortWait;
    private final EventRecorder events;
    private final Conditions conditions = new Conditions(Clock.systemUTC());
    private final Map<ResourceID, Long> usersWrittenNanos = new ConcurrentHashMap<>();

    protected ProviderConfigUsageReconciler(KubernetesClient client, String kind, boolean clusterScoped, Duration shortWait) {
        this.client = client;
        this.kind = kind;
        this.clusterScoped = clusterScoped;
        this.shortWait = shortWait;
        this.events = new EventRecorder(client, "providerconfig/" + kind.toLowerCase());
    }

    @Override
    public List<EventSource<?, C>> prepareEventSources(EventSourceContext<C> context) {
        var config = InformerEventSourceConfiguration.from(ProviderConfigUsage.class, context.getPrimaryResourceClass())
                .withName("usages")
                .withSecondaryToPrimaryMapper(usage -> kind.equals(label(usage, ProviderConfigUsageTracker.LABEL_CONFIG_KIND))
                        ? Set.of(new ResourceID(label(usage, ProviderConfigUsageTracker.LABEL_CONFIG_NAME),
                                clusterScoped ? null : usage.getMetadata().getNamespace()))
                        : Set.of())
                .withWatchAllNamespaces()
                .build();
        return List.of(new InformerEventSource<>(config, context));
    }

    @Override
    public UpdateControl<C> reconcile(C config, Context<C> context) {
        ResourceID id = ResourceID.fromResource(config);
        if (context.isPrimaryResourceDeleted()) {
            usersWrittenNanos.remove(id);
            return UpdateControl.noUpdate();
        }
        long users = context.getSecondaryResources(ProviderConfigUsage.class).size();
        ProviderConfigStatus status = config.getStatus() == null ? new ProviderConfigStatus() : config.getStatus();
        config.setStatus(status);
        boolean changed = !Long.valueOf(users).equals(status.getUsers());
        status.setUsers(users);
        if (config.isMarkedForDeletion()) {
            if (users > 0) {
                String message = "Blocking deletion while usages still exist";
                if (Conditions.find(status.getConditions(), "Terminating").isEmpty()) {
                    events.record(config, EventReason.USAGE_ACCOUNTING, message + " (" + users + ")", Map.of());
                }
                status.setConditions(Conditions.set(status.getConditions(),
                        conditions.condition("Terminating", true, "InUse", message), config.getMetadata().getGeneration()));
                return UpdateControl.patchStatus(config).rescheduleAfter(shortWait);
            }
            setFinalizer(config, false);
            return UpdateControl.noUpdate();
        }
        setFinalizer(config, true);
        if (!changed) {
            return UpdateControl.noUpdate();
        }
        Long written = usersWrittenNanos.get(id);
        long since = written == null ? Long.MAX_VALUE : System.nanoTime() - written;
        if (since < USERS_EVERY.toNanos()) {
            return UpdateControl.<C>noUpdate().rescheduleAfter(Duration.ofNanos(USERS_EVERY.toNanos() - since));
        }
        usersWrittenNanos.put(id, System.nanoTime());
        return UpdateControl.patchStatus(config);
    }

    private void setFinalizer(C config, boolean present) {
        if (config.getMetadata().getFinalizers().contains(FINALIZER) == present) {
            return;
        }
        C updated = client.resource(config).edit(c -> {
            List<String> finalizers = new ArrayList<>(c.getMetadata().getFinalizers());
            finalizers.remove(FINALIZER);
            if (present) {
                finalizers.add(FINALIZER);
            }
            c.getMetadata().setFinalizers(finalizers);
            return c;
        });
        config.setMetadata(updated.getMetadata());
    }

    private static String label(ProviderConfigUsage usage, String key) {
        Map<String, String> labels = usage.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
