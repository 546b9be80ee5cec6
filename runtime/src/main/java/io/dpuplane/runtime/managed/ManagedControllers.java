package io.dpuplane.runtime.managed;

import io.dpuplane.apis.crossplane.ManagedResource;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;

/**
 * Registers a managed reconciler with the controller engine the way the Crossplane contract needs: it sees
 * every event (including deletion, since it owns the Crossplane finalizer itself), filters updates to
 * desired-state changes, and retries only what escapes it (it reports its own errors as conditions).
 */
public final class ManagedControllers {

    private ManagedControllers() {
    }

    public static <M extends ManagedResource<?, ?>> RegisteredController<M> register(Operator operator,
            ManagedReconciler<M> reconciler, String kind) {
        return operator.register(reconciler, o -> o
                .withName("managed/" + kind.toLowerCase())
                .withTriggerReconcilerOnAllEvents(true)
                .withGenerationAware(false)
                .withOnUpdateFilter(new DesiredStateChanged<>())
                .withRetry(new GenericRetry().setInitialInterval(1000).setIntervalMultiplier(2).setMaxInterval(60_000)
                        .setMaxAttempts(Integer.MAX_VALUE)));
    }
}
