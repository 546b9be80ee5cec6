package io.dpuplane.provider.dpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends requests that do not depend on each other at once and waits for them all: in a join wave each is a round
 * trip of up to a second to a busy API server, and a DPU's last steps (its Node's labels, its join token, its host's
 * node effect) went one after the other.
 */
final class Together implements AutoCloseable {

    private final ExecutorService pool;

    Together() {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dpu-requests-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs every request, the first on the caller's thread; rethrows the first failure once all have ended. */
    void run(Runnable first, Runnable... others) {
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

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
