package io.dpuplane.runtime.managed;

import java.time.Duration;

/**
 * The provider-wide reconcile rate limit ({@code --max-reconcile-rate}): a token bucket of {@code rate}
 * tokens per second and a burst of ten times that, shared by every controller. A reconcile that finds no
 * token is put back for the time the next token takes.
 */
public final class GlobalRateLimiter {

    private final double ratePerSecond;
    private final double burst;
    private double tokens;
    private long lastRefillNanos;

    public GlobalRateLimiter(double ratePerSecond) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("max reconcile rate must be positive, got " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = ratePerSecond * 10;
        this.tokens = burst;
        this.lastRefillNanos = System.nanoTime();
    }

    /** Takes a token; returns zero when one was free, otherwise how long until one will be. */
    public synchronized Duration acquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefillNanos) / 1e9 * ratePerSecond);
        lastRefillNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / ratePerSecond * 1e9));
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }
}
