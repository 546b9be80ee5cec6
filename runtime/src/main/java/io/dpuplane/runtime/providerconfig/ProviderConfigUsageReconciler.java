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

/**
 * Counts the managed resources that use a provider config (its ProviderConfigUsages), shows the count in
 * {@code status.users}, and holds the {@code in-use.crossplane.io} finalizer so a config in use cannot be
 * deleted: deletion waits, with condition Terminating/InUse and a UsageAccounting event, until the last
 * user is gone.
 */
public abstract class ProviderConfigUsageReconciler<C extends CustomResource<?, ProviderConfigStatus>>
        implements Reconciler<C> {

    public static final String FINALIZER = "in-use.crossplane.io";

    private final KubernetesClient client;
    private final String kind;
    private final boolean clusterScoped;
    private final Duration shortWait;
    private final EventRecorder events;
    private final Conditions conditions = new Conditions(Clock.systemUTC());

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
        if (context.isPrimaryResourceDeleted()) {
            return UpdateControl.noUpdate();
        }
        long users = usersOf(config);
        ProviderConfigStatus status = config.getStatus() == null ? new ProviderConfigStatus() : config.getStatus();
        config.setStatus(status);
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
        return UpdateControl.patchStatus(config);
    }

    private long usersOf(C config) {
        var usages = client.resources(ProviderConfigUsage.class);
        var selected = (clusterScoped ? usages.inAnyNamespace() : usages.inNamespace(config.getMetadata().getNamespace()))
                .withLabel(ProviderConfigUsageTracker.LABEL_CONFIG_NAME, config.getMetadata().getName())
                .withLabel(ProviderConfigUsageTracker.LABEL_CONFIG_KIND, kind);
        return selected.list().getItems().size();
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
