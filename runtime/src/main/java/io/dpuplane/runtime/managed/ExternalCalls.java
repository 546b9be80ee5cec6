package io.dpuplane.runtime.managed;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs calls to external systems with a time limit, so a hung agent or server never holds a worker forever. */
public final class ExternalCalls implements AutoCloseable {

    private final Duration timeout;
    private final ExecutorService executor;

    public ExternalCalls(Duration timeout) {
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "external-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code call}; a call still running after the timeout is interrupted and reported as a timeout. */
    public <T> T call(String what, Callable<T> call) throws Exception {
        Future<T> future = executor.submit(call);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TimeoutException(what + " did not finish within " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
