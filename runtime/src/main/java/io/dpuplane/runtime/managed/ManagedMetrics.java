package io.dpuplane.runtime.managed;

import java.time.Duration;

/** What the managed reconciler reports about each reconcile; the provider records it as Prometheus metrics. */
public interface ManagedMetrics {

    ManagedMetrics NONE = new ManagedMetrics() {
        @Override
        public void reconciled(String kind, Outcome outcome, Duration took) {
        }
    };

    /** How one reconcile ended. */
    enum Outcome {
        SUCCESS, ERROR, REQUEUE, RATE_LIMITED, PAUSED
    }

    void reconciled(String kind, Outcome outcome, Duration took);

    /** The first time a resource became Ready, measured from its creation. */
    default void firstTimeReady(String kind, Duration sinceCreation) {
    }

    /** An update repaired drift. */
    default void driftRepaired(String kind) {
    }

    /** The state a resource was left in by its last reconcile (for the exists/ready/synced gauges). */
    default void state(String kind, String uid, boolean ready, boolean synced) {
    }

    /** The resource is gone. */
    default void removed(String kind, String uid) {
    }
}
