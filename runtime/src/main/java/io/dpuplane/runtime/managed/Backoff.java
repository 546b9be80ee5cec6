package io.dpuplane.runtime.managed;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-object exponential backoff after errors, as Kubernetes' work queues do it: the first retry after
 * {@code base}, doubling up to {@code max}; a success resets it.
 */
public final class Backoff {

    private final Duration base;
    private final Duration max;
    private final ConcurrentMap<String, Integer> failures = new ConcurrentHashMap<>();

    public Backoff(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    /** Records one more failure of the object and returns how long to wait before the next try. */
    public Duration failed(String uid) {
        int n = failures.merge(uid, 1, Integer::sum) - 1;
        long millis = n >= 31 ? Long.MAX_VALUE : base.toMillis() << Math.min(n, 30);
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    public void succeeded(String uid) {
        failures.remove(uid);
    }
}
