package io.dpuplane.runtime.managed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends requests that do not depend on each other at once and waits for them all: on a busy API server each is a
 * round trip of up to a second, and a step made of several (a DPU's last steps: its Node's labels, its join token,
 * its host's node effect; a create's pending annotation and its provider config usage) went one after the other.
 */
public final class Together implements AutoCloseable {

    private final ExecutorService pool;

    public Together(String name) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs every request, the first on the caller's thread; rethrows the first failure once all have ended. */
    public void run(Runnable first, Runnable... others) {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (Runnable other : others) {
            started.add(CompletableFuture.runAsync(other, pool));
        }
        RuntimeException failed = null;
        try {
            first.run();
        } catch (RuntimeException e) {
            failed = e;
        }
        for (CompletableFuture<Void> request : started) {
            try {
                request.join();
            } catch (CompletionException e) {
                if (failed == null) {
                    failed = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** Starts one request in the background, for the caller to join when it needs its outcome. */
    public CompletableFuture<Void> start(Runnable request) {
        return CompletableFuture.runAsync(request, pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
