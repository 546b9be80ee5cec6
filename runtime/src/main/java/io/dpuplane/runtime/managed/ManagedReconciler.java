package io.dpuplane.runtime.managed;

import static io.dpuplane.runtime.event.EventReason.CANNOT_CONNECT_TO_PROVIDER;
import static io.dpuplane.runtime.event.EventReason.CANNOT_CREATE_EXTERNAL_RESOURCE;
import static io.dpuplane.runtime.event.EventReason.CANNOT_DELETE_EXTERNAL_RESOURCE;
import static io.dpuplane.runtime.event.EventReason.CANNOT_INITIALIZE_MANAGED_RESOURCE;
import static io.dpuplane.runtime.event.EventReason.CANNOT_OBSERVE_EXTERNAL_RESOURCE;
import static io.dpuplane.runtime.event.EventReason.CANNOT_PUBLISH_CONNECTION_DETAILS;
import static io.dpuplane.runtime.event.EventReason.CANNOT_RESOLVE_RESOURCE_REFERENCES;
import static io.dpuplane.runtime.event.EventReason.CANNOT_UPDATE_EXTERNAL_RESOURCE;
import static io.dpuplane.runtime.event.EventReason.CANNOT_UPDATE_MANAGED_RESOURCE;
import static io.dpuplane.runtime.event.EventReason.CANNOT_USE_INVALID_MANAGEMENT_POLICY;
import static io.dpuplane.runtime.event.EventReason.CREATED_EXTERNAL_RESOURCE;
import static io.dpuplane.runtime.event.EventReason.DELETED_EXTERNAL_RESOURCE;
import static io.dpuplane.runtime.event.EventReason.PENDING_EXTERNAL_RESOURCE;
import static io.dpuplane.runtime.event.EventReason.RECONCILE_REQUEST_HANDLED;
import static io.dpuplane.runtime.event.EventReason.RECONCILIATION_PAUSED;
import static io.dpuplane.runtime.event.EventReason.UPDATED_EXTERNAL_RESOURCE;

import io.dpuplane.apis.crossplane.ManagedResource;
import io.dpuplane.apis.crossplane.ManagedResourceStatus;
import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.connection.ConnectionPublisher;
import io.dpuplane.runtime.event.EventReason;
import io.dpuplane.runtime.event.EventRecorder;
import io.dpuplane.runtime.managed.ManagedMetrics.Outcome;
import io.dpuplane.runtime.providerconfig.ProviderConfigUsageTracker;
import io.dpuplane.runtime.providerconfig.ProviderConfigs;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Crossplane managed-resource reconciler, step by step as crossplane-runtime's: pause, management
 * policies, external name, the create annotations, references, connect (with provider-config usage),
 * observe, then delete, create, late-initialize or update, with the standard conditions, events, requeue
 * rules, backoff and rate limit. A kind supplies only its {@link ExternalConnector}.
 */
public abstract class ManagedReconciler<M extends ManagedResource<?, ?>> implements Reconciler<M> {

    private static final Duration REQUEUE_NOW = Duration.ofMillis(200);
    private static final Runnable NOTHING = () -> { };
    private static final Logger LOG = LoggerFactory.getLogger(ManagedReconciler.class);

    private final ExternalConnector<M> connector;
    private final ManagedReconcilerOptions options;
    private final KubernetesClient client;
    private final ManagedResourceWriter writer;
    private final ProviderConfigs providerConfigs;
    private final ProviderConfigUsageTracker usages;
    private final ConnectionPublisher connections;
    private final EventRecorder events;
    private final ExternalCalls calls;
    private final Together together;
    private final Conditions conditions = new Conditions(Clock.systemUTC());

    protected ManagedReconciler(KubernetesClient client, String kind, ExternalConnector<M> connector,
            ManagedReconcilerOptions options) {
        this.client = client;
        this.connector = connector;
        this.options = options;
        this.writer = new ManagedResourceWriter(client);
        this.providerConfigs = new ProviderConfigs(client);
        this.usages = new ProviderConfigUsageTracker(client);
        this.connections = new ConnectionPublisher(client);
        this.events = new EventRecorder(client, "managed/" + kind.toLowerCase());
        this.calls = new ExternalCalls(options.externalCallTimeout());
        this.together = new Together("managed-" + kind.toLowerCase() + "-requests");
    }

    /** Resolves cross-resource references before connect; the default has none to resolve. */
    protected void resolveReferences(M resource) throws Exception {
    }

    @Override
    public UpdateControl<M> reconcile(M resource, Context<M> context) {
        long started = System.nanoTime();
        String statusBefore = statusOf(resource);
        Step step;
        if (context.isPrimaryResourceDeleted()) {
            options.backoff().succeeded(resource.getMetadata().getUid());
            options.metrics().removed(resource.getKind(), resource.getMetadata().getUid());
            step = Step.done(UpdateControl.noUpdate(), Outcome.SUCCESS);
        } else {
            Duration wait = options.rateLimiter().acquire();
            step = wait.isZero() ? run(resource) : Step.done(UpdateControl.<M>noUpdate().rescheduleAfter(wait), Outcome.RATE_LIMITED);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        options.metrics().reconciled(resource.getKind(), step.outcome(), took);
        LOG.debug("{} {}/{}: {} in {} ms", resource.getKind(), resource.getMetadata().getNamespace(),
                resource.getMetadata().getName(), step.outcome(), took.toMillis());
        if (resource.getStatus() != null && !context.isPrimaryResourceDeleted()) {
            options.metrics().state(resource.getKind(), resource.getMetadata().getUid(),
                    isTrue(resource, Conditions.READY), isTrue(resource, Conditions.SYNCED));
        }
        return unlessUnchanged(step.control(), statusBefore, resource);
    }

    /**
     * The status write a reconcile asks for, unless the status is what it was: a poll that finds everything as it
     * was writes nothing (a fleet's steady state is mostly such polls; each write also wakes every watcher).
     */
    private static <M extends ManagedResource<?, ?>> UpdateControl<M> unlessUnchanged(UpdateControl<M> control,
            String statusBefore, M resource) {
        if (!control.isPatchStatus() || !statusBefore.equals(statusOf(resource))) {
            return control;
        }
        UpdateControl<M> none = UpdateControl.noUpdate();
        return control.getScheduleDelay().map(ms -> none.rescheduleAfter(Duration.ofMillis(ms))).orElse(none);
    }

    private static String statusOf(ManagedResource<?, ?> resource) {
        return resource.getStatus() == null ? "" : Serialization.asJson(resource.getStatus());
    }

    private static boolean isTrue(ManagedResource<?, ?> resource, String type) {
        return Conditions.find(resource.getStatus().getConditions(), type).map(c -> "True".equals(c.getStatus()))
                .orElse(false);
    }

    private Step run(M resource) {
        ManagementPolicies policies = ManagementPolicies.of(resource.managementPolicies());
        if (CrossplaneAnnotations.isPaused(resource) || policies.isPaused()) {
            return paused(resource);
        }
        noteReconcileRequest(resource);
        if (!policies.isSupported()) {
            return error(resource, CANNOT_USE_INVALID_MANAGEMENT_POLICY, "management policies " + policies.actions()
                    + " are not a supported combination", null);
        }
        boolean deleting = resource.isMarkedForDeletion();
        try {
            if (deleting && !policies.shouldDelete()) {
                return release(resource);
            }
        } catch (KubernetesClientException e) {
            return conflictOr(resource, e);
        }
        // The default external name is the resource's name; it is written with the finalizer (and, for a create,
        // the create-pending annotation) in one update, before anything is created under it.
        boolean nameUnsaved = !deleting && CrossplaneAnnotations.externalName(resource).isEmpty();
        if (nameUnsaved) {
            CrossplaneAnnotations.set(resource, CrossplaneAnnotations.EXTERNAL_NAME, resource.getMetadata().getName());
        }
        if (!deleting && !options.deterministicExternalName() && CrossplaneAnnotations.createIncomplete(resource)) {
            setCondition(resource, conditions.creating());
            return stopped(resource, CANNOT_INITIALIZE_MANAGED_RESOURCE, "cannot determine creation result - remove "
                    + "the " + CrossplaneAnnotations.CREATE_PENDING + " annotation if it is safe to proceed");
        }
        if (!deleting) {
            try {
                resolveReferences(resource);
            } catch (Exception e) {
                return error(resource, CANNOT_RESOLVE_RESOURCE_REFERENCES, "cannot resolve references: " + message(e), e);
            }
        }
        ExternalClient<M> external;
        Runnable usage;
        try {
            var ref = resource.getSpec().getProviderConfigRef();
            GenericKubernetesResource config = providerConfigs.get(resource, ref);
            usage = usageToRecord(resource, ref);
            external = connector.connect(resource, config);
        } catch (Exception e) {
            return error(resource, CANNOT_CONNECT_TO_PROVIDER, "connect failed: " + message(e), e);
        }
        try (external) {
            return observed(resource, policies, external, nameUnsaved, usage);
        }
    }

    /**
     * Records the resource's use of its provider config, or says what is left to record: a resource this provider
     * never finalized is most likely about to be created, and its usage goes out with the create's pending
     * annotation (one round trip fewer for each of a thousand new resources); still, nothing is created before both
     * are written.
     */
    private Runnable usageToRecord(M resource, ProviderConfigReference ref) {
        if (usages.recorded(resource, ref)) {
            return NOTHING;
        }
        if (!resource.isMarkedForDeletion() && !resource.getMetadata().getFinalizers().contains(ManagedResourceWriter.FINALIZER)) {
            return () -> usages.trackNew(resource, ref);
        }
        usages.track(resource, ref);
        return NOTHING;
    }

    private Step observed(M resource, ManagementPolicies policies, ExternalClient<M> external, boolean nameUnsaved,
            Runnable usage) {
        ExternalObservation observation;
        try {
            observation = calls.call("observe", () -> external.observe(resource));
        } catch (Exception e) {
            return error(resource, CANNOT_OBSERVE_EXTERNAL_RESOURCE, "observe failed: " + message(e), e);
        }
        boolean creating = !resource.isMarkedForDeletion() && !observation.resourceExists() && policies.shouldCreate()
                && !withinCreationGrace(resource);
        if (!creating) {
            try {
                usage.run();
            } catch (RuntimeException e) {
                return error(resource, CANNOT_CONNECT_TO_PROVIDER, "connect failed: " + message(e), e);
            }
        }
        if (policies.shouldOnlyObserve() && !observation.resourceExists()) {
            setCondition(resource, conditions.reconcileError("external resource does not exist"));
            return Step.done(UpdateControl.patchStatus(resource).rescheduleAfter(options.poll().next(resource)), Outcome.ERROR);
        }
        if (resource.isMarkedForDeletion()) {
            return deleting(resource, observation, external);
        }
        if (!observation.resourceExists() && withinCreationGrace(resource)) {
            events.record(resource, PENDING_EXTERNAL_RESOURCE, "waiting for the external resource to appear", annotations(resource));
            return Step.done(UpdateControl.patchStatus(resource).rescheduleAfter(Duration.ofSeconds(1)), Outcome.REQUEUE);
        }
        try {
            publish(resource, observation.connectionDetails());
            if (!creating) {
                writer.initialize(resource, nameUnsaved);
            }
        } catch (KubernetesClientException e) {
            return conflictOr(resource, e);
        }
        if (creating) {
            return create(resource, external, usage);
        }
        if (observation.resourceLateInitialized() && policies.shouldLateInitialize()) {
            try {
                M updated = client.resource(resource).update();
                resource.setMetadata(updated.getMetadata());
            } catch (KubernetesClientException e) {
                return e.getCode() == 409 ? requeueSilently(resource)
                        : error(resource, CANNOT_UPDATE_MANAGED_RESOURCE, "cannot update managed resource: " + message(e), e);
            }
        }
        if (observation.resourceUpToDate() || !policies.shouldUpdate() || !observation.resourceExists()) {
            return synced(resource, observation.recheckAfter());
        }
        return update(resource, external, observation);
    }

    private Step create(M resource, ExternalClient<M> external, Runnable usage) {
        CompletableFuture<Void> usageRecorded = usage == NOTHING ? CompletableFuture.completedFuture(null)
                : together.start(usage);
        try {
            // One write: the finalizer, the external name and create-pending. A plain update, failing on a stale
            // copy, so two workers never both create.
            writer.update(resource, r -> {
                ManagedResourceWriter.withFinalizer(r);
                CrossplaneAnnotations.set(r, CrossplaneAnnotations.CREATE_PENDING, now());
            });
        } catch (KubernetesClientException e) {
            usageRecorded.exceptionally(unrecorded -> null).join();
            return conflictOr(resource, e);
        }
        try {
            usageRecorded.join();
        } catch (CompletionException e) {
            // Nothing was created: say so, so the next attempt goes ahead instead of doubting a create.
            String failedAt = now();
            writer.criticalUpdate(resource, r -> CrossplaneAnnotations.set(r, CrossplaneAnnotations.CREATE_FAILED, failedAt));
            Exception cause = e.getCause() instanceof Exception x ? x : e;
            setCondition(resource, conditions.creating());
            return error(resource, CANNOT_CONNECT_TO_PROVIDER, "connect failed: " + message(cause), cause);
        }
        ExternalCreation creation;
        try {
            creation = calls.call("create", () -> external.create(resource));
        } catch (Exception e) {
            String failedAt = now();
            writer.criticalUpdate(resource, r -> CrossplaneAnnotations.set(r, CrossplaneAnnotations.CREATE_FAILED, failedAt));
            setCondition(resource, conditions.creating());
            return error(resource, CANNOT_CREATE_EXTERNAL_RESOURCE, "create failed: " + message(e), e);
        }
        String succeededAt = now();
        Optional<String> externalName = CrossplaneAnnotations.externalName(resource);
        writer.criticalUpdate(resource, r -> {
            CrossplaneAnnotations.set(r, CrossplaneAnnotations.CREATE_SUCCEEDED, succeededAt);
            externalName.ifPresent(name -> CrossplaneAnnotations.set(r, CrossplaneAnnotations.EXTERNAL_NAME, name));
        });
        try {
            publish(resource, creation.connectionDetails());
        } catch (KubernetesClientException e) {
            return error(resource, CANNOT_PUBLISH_CONNECTION_DETAILS, "cannot publish connection details: " + message(e), e);
        }
        events.record(resource, CREATED_EXTERNAL_RESOURCE, "Successfully requested creation of external resource",
                annotations(resource));
        setCondition(resource, conditions.creating());
        setCondition(resource, conditions.reconcileSuccess());
        options.backoff().succeeded(resource.getMetadata().getUid());
        Duration next = creation.recheckAfter() == null ? REQUEUE_NOW : creation.recheckAfter();
        return Step.done(UpdateControl.patchStatus(resource).rescheduleAfter(next), Outcome.REQUEUE);
    }

    private Step update(M resource, ExternalClient<M> external, ExternalObservation observation) {
        ExternalUpdate update;
        try {
            update = calls.call("update", () -> external.update(resource));
            publish(resource, update.connectionDetails());
        } catch (Exception e) {
            return error(resource, CANNOT_UPDATE_EXTERNAL_RESOURCE, "update failed: " + message(e), e);
        }
        options.metrics().driftRepaired(resource.getKind());
        events.record(resource, UPDATED_EXTERNAL_RESOURCE, "Successfully requested update of external resource",
                annotations(resource));
        // An update takes effect over time: look again when the observation asked to, not at the next poll.
        return synced(resource, observation.recheckAfter());
    }

    private Step deleting(M resource, ExternalObservation observation, ExternalClient<M> external) {
        if (observation.resourceExists()) {
            try {
                calls.call("delete", () -> {
                    external.delete(resource);
                    return null;
                });
            } catch (Exception e) {
                setCondition(resource, conditions.deleting());
                return error(resource, CANNOT_DELETE_EXTERNAL_RESOURCE, "delete failed: " + message(e), e);
            }
            events.record(resource, DELETED_EXTERNAL_RESOURCE, "Successfully requested deletion of external resource",
                    annotations(resource));
            setCondition(resource, conditions.deleting());
            setCondition(resource, conditions.reconcileSuccess());
            return Step.done(UpdateControl.patchStatus(resource).rescheduleAfter(REQUEUE_NOW), Outcome.REQUEUE);
        }
        try {
            return release(resource);
        } catch (KubernetesClientException e) {
            return conflictOr(resource, e);
        }
    }

    /** Lets the resource go without touching the external one: unpublish, drop the usage and the finalizer. */
    private Step release(M resource) {
        var secretRef = resource.getSpec().getWriteConnectionSecretToRef();
        connections.unpublish(resource, secretRef == null ? null : secretRef.getName());
        usages.untrack(resource);
        writer.removeFinalizer(resource);
        options.backoff().succeeded(resource.getMetadata().getUid());
        return Step.done(UpdateControl.noUpdate(), Outcome.SUCCESS);
    }

    private Step synced(M resource, Duration recheckAfter) {
        setCondition(resource, conditions.reconcileSuccess());
        options.backoff().succeeded(resource.getMetadata().getUid());
        Duration next = options.poll().next(resource);
        if (recheckAfter != null && recheckAfter.compareTo(next) < 0) {
            next = recheckAfter;
        }
        return Step.done(UpdateControl.patchStatus(resource).rescheduleAfter(next), Outcome.SUCCESS);
    }

    private Step paused(M resource) {
        boolean alreadyPaused = Conditions.find(resource.requireStatus().getConditions(), Conditions.SYNCED)
                .map(c -> "ReconcilePaused".equals(c.getReason())).orElse(false);
        if (!alreadyPaused) {
            events.record(resource, RECONCILIATION_PAUSED, "Reconciliation is paused either through the `spec.managementPolicies` or "
                    + "the pause annotation", annotations(resource));
        }
        setCondition(resource, conditions.reconcilePaused());
        return Step.done(UpdateControl.patchStatus(resource), Outcome.PAUSED);
    }

    private Step stopped(M resource, EventReason reason, String message) {
        events.record(resource, reason, message, annotations(resource));
        setCondition(resource, conditions.reconcileError(message));
        return Step.done(UpdateControl.patchStatus(resource), Outcome.ERROR);
    }

    private Step error(M resource, EventReason reason, String message, Exception cause) {
        LOG.debug("{} {}/{}: {}", resource.getKind(), resource.getMetadata().getNamespace(),
                resource.getMetadata().getName(), message, cause);
        events.record(resource, reason, message, annotations(resource));
        setCondition(resource, conditions.reconcileError(message));
        Duration wait = options.backoff().failed(resource.getMetadata().getUid());
        return Step.done(UpdateControl.patchStatus(resource).rescheduleAfter(wait), Outcome.ERROR);
    }

    private Step conflictOr(M resource, KubernetesClientException e) {
        return e.getCode() == 409 ? requeueSilently(resource)
                : error(resource, CANNOT_UPDATE_MANAGED_RESOURCE, "cannot update managed resource: " + message(e), e);
    }

    private Step requeueSilently(M resource) {
        return Step.done(UpdateControl.<M>noUpdate().rescheduleAfter(REQUEUE_NOW), Outcome.REQUEUE);
    }

    private void noteReconcileRequest(M resource) {
        Optional<String> token = CrossplaneAnnotations.get(resource, CrossplaneAnnotations.RECONCILE_REQUESTED_AT);
        ManagedResourceStatus status = resource.requireStatus();
        if (token.isPresent() && !token.get().equals(status.getLastHandledReconcileAt())) {
            status.setLastHandledReconcileAt(token.get());
            events.record(resource, RECONCILE_REQUEST_HANDLED, "Reconcile request " + token.get() + " handled",
                    annotations(resource));
        }
    }

    private void publish(M resource, Map<String, byte[]> details) {
        var secretRef = resource.getSpec().getWriteConnectionSecretToRef();
        connections.publish(resource, secretRef == null ? null : secretRef.getName(), details);
    }

    private boolean withinCreationGrace(M resource) {
        return CrossplaneAnnotations.createSucceededAt(resource)
                .map(at -> at.plus(options.creationGracePeriod()).isAfter(Instant.now())).orElse(false);
    }

    private void setCondition(M resource, io.dpuplane.apis.crossplane.Condition condition) {
        Conditions.mark(resource, condition);
        resource.requireStatus().setObservedGeneration(resource.getMetadata().getGeneration());
    }

    private static Map<String, String> annotations(ManagedResource<?, ?> resource) {
        return CrossplaneAnnotations.externalName(resource).map(n -> Map.of(CrossplaneAnnotations.EXTERNAL_NAME, n))
                .orElse(Map.of());
    }

    private static String message(Exception e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getStatus().getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String now() {
        return Instant.now().toString();
    }

    /** How one reconcile ends: what to tell the controller engine, and how to count it. */
    private record Step(UpdateControl<?> raw, Outcome outcome) {
        static Step done(UpdateControl<?> control, Outcome outcome) {
            return new Step(control, outcome);
        }

        @SuppressWarnings("unchecked")
        <M extends ManagedResource<?, ?>> UpdateControl<M> control() {
            return (UpdateControl<M>) raw;
        }
    }
}
