package io.dpuplane.runtime;

import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.crossplane.ManagedResource;
import io.dpuplane.apis.crossplane.ManagedResourceStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Crossplane's system conditions with their standard reasons, and the one rule for recording them:
 * a condition replaces the one of the same type, and keeps its {@code lastTransitionTime} when neither
 * status, reason nor message changed (so a reconcile that observes nothing new writes nothing new).
 */
public final class Conditions {

    public static final String READY = "Ready";
    public static final String SYNCED = "Synced";

    private final Clock clock;

    public Conditions(Clock clock) {
        this.clock = clock;
    }

    /** Ready=True, Available: the external resource is usable. */
    public Condition available() {
        return condition(READY, true, "Available", null);
    }

    /** Ready=False, Creating: the external resource is being created. */
    public Condition creating() {
        return condition(READY, false, "Creating", null);
    }

    /** Ready=False, Deleting: the external resource is being deleted. */
    public Condition deleting() {
        return condition(READY, false, "Deleting", null);
    }

    /** Ready=False, Unavailable, with why. */
    public Condition unavailable(String message) {
        return condition(READY, false, "Unavailable", message);
    }

    /** Synced=True, ReconcileSuccess. */
    public Condition reconcileSuccess() {
        return condition(SYNCED, true, "ReconcileSuccess", null);
    }

    /** Synced=False, ReconcileError, with the error a user can act on. */
    public Condition reconcileError(String message) {
        return condition(SYNCED, false, "ReconcileError", message);
    }

    /** Synced=False, ReconcilePaused. */
    public Condition reconcilePaused() {
        return condition(SYNCED, false, "ReconcilePaused", "reconciliation is paused via the crossplane.io/paused annotation");
    }

    /** A condition of any type, stamped now. */
    public Condition condition(String type, boolean status, String reason, String message) {
        return new Condition(type, status ? "True" : "False", reason, message,
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), null);
    }

    /**
     * Records a condition in a list, returning the new list. An equal condition (same type, status,
     * reason, message) keeps the existing transition time.
     */
    public static List<Condition> set(List<Condition> existing, Condition update, Long generation) {
        List<Condition> result = new ArrayList<>();
        boolean replaced = false;
        for (Condition current : existing == null ? List.<Condition>of() : existing) {
            if (current.getType().equals(update.getType())) {
                result.add(merged(current, update, generation));
                replaced = true;
            } else {
                result.add(current);
            }
        }
        if (!replaced) {
            result.add(stamped(update, update.getLastTransitionTime(), generation));
        }
        return result;
    }

    /** Records a condition on a managed resource's status, stamped with its generation. */
    public static void mark(ManagedResource<?, ?> resource, Condition condition) {
        ManagedResourceStatus status = resource.requireStatus();
        status.setConditions(set(status.getConditions(), condition, resource.getMetadata().getGeneration()));
    }

    /** The condition of a type, if present. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static Condition merged(Condition current, Condition update, Long generation) {
        boolean same = Objects.equals(current.getStatus(), update.getStatus())
                && Objects.equals(current.getReason(), update.getReason())
                && Objects.equals(current.getMessage(), update.getMessage());
        return stamped(update, same ? current.getLastTransitionTime() : update.getLastTransitionTime(), generation);
    }

    private static Condition stamped(Condition c, String transitionTime, Long generation) {
        return new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), transitionTime, generation);
    }
}
