package io.dpuplane.runtime.managed;

import java.time.Duration;

/**
 * How a managed reconciler behaves; defaults are Crossplane's (poll 1m, external calls time out after 1m,
 * creation grace 30s, backoff 1s to 60s).
 *
 * @param deterministicExternalName the external name is known before create (e.g. the resource name), so a
 *     create whose outcome was lost can safely be retried instead of stopping for a human
 */
public record ManagedReconcilerOptions(PollSchedule poll, Duration externalCallTimeout, Duration creationGracePeriod,
        Backoff backoff, GlobalRateLimiter rateLimiter, boolean deterministicExternalName, ManagedMetrics metrics) {

    public static ManagedReconcilerOptions defaults(GlobalRateLimiter rateLimiter) {
        return new ManagedReconcilerOptions(new PollSchedule(Duration.ofMinutes(1), Duration.ofSeconds(1), 0.1),
                Duration.ofMinutes(1), Duration.ofSeconds(30), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)),
                rateLimiter, false, ManagedMetrics.NONE);
    }

    public ManagedReconcilerOptions withPoll(PollSchedule value) {
        return new ManagedReconcilerOptions(value, externalCallTimeout, creationGracePeriod, backoff, rateLimiter,
                deterministicExternalName, metrics);
    }

    public ManagedReconcilerOptions withExternalCallTimeout(Duration value) {
        return new ManagedReconcilerOptions(poll, value, creationGracePeriod, backoff, rateLimiter,
                deterministicExternalName, metrics);
    }

    public ManagedReconcilerOptions withDeterministicExternalName(boolean value) {
        return new ManagedReconcilerOptions(poll, externalCallTimeout, creationGracePeriod, backoff, rateLimiter, value,
                metrics);
    }

    public ManagedReconcilerOptions withMetrics(ManagedMetrics value) {
        return new ManagedReconcilerOptions(poll, externalCallTimeout, creationGracePeriod, backoff, rateLimiter,
                deterministicExternalName, value);
    }
}
