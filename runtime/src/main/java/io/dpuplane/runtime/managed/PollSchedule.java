package io.dpuplane.runtime.managed;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to look at an up-to-date resource again: the poll interval (or the resource's
 * {@code crossplane.io/poll-interval}, never below the minimum), spread by ± jitter so that thousands of
 * resources created together do not poll together.
 */
public record PollSchedule(Duration interval, Duration minInterval, double jitterFraction) {

    public Duration next(HasMetadata resource) {
        Duration base = CrossplaneAnnotations.get(resource, CrossplaneAnnotations.POLL_INTERVAL)
                .flatMap(GoDuration::parse)
                .filter(d -> !d.isNegative() && !d.isZero())
                .map(d -> d.compareTo(minInterval) < 0 ? minInterval : d)
                .orElse(interval);
        if (jitterFraction <= 0) {
            return base;
        }
        double spread = base.toMillis() * jitterFraction;
        long jitter = (long) ThreadLocalRandom.current().nextDouble(-spread, spread);
        return Duration.ofMillis(Math.max(minInterval.toMillis(), base.toMillis() + jitter));
    }
}
