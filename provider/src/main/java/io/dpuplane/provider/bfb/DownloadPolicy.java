package io.dpuplane.provider.bfb;

import java.time.Duration;

/**
 * How hard a download tries: attempts within one download (each resuming where the last stopped) with
 * exponential delays, how long to wait for response headers, how long a transfer may stall without a
 * byte before it is cut (and resumed), and how long a failed download waits before it is tried afresh.
 */
public record DownloadPolicy(int attempts, Duration firstRetryDelay, Duration readTimeout, Duration stallTimeout,
        Duration failureBackoff) {

    public static DownloadPolicy defaults() {
        return new DownloadPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofSeconds(60),
                Duration.ofMinutes(1));
    }

    Duration retryDelay(int attempt) {
        return firstRetryDelay.multipliedBy(1L << Math.min(attempt - 1, 5));
    }
}
