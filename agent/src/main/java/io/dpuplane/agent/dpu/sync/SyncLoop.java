package io.dpuplane.agent.dpu.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs passes one at a time on one thread. Requests that arrive while a pass runs fold into one more pass,
 * so a burst of events costs two passes, not one per event. A failed pass is retried with backoff (1 s
 * doubling to 30 s); a full pass (which rechecks every status against the API server) runs every resync
 * period whatever happens.
 */
final class SyncLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SyncLoop.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final Function<Boolean, PassReport> pass;
    private final Duration resync;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dpu-agent-sync");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean fullPending = new AtomicBoolean();
    private volatile boolean started;
    private volatile SyncState state = SyncState.starting();
    private Duration retry = FIRST_RETRY;

    SyncLoop(Function<Boolean, PassReport> pass, Duration resync) {
        this.pass = pass;
        this.resync = resync;
    }

    /** Starts passing; requests before this are dropped, since the first pass covers them. */
    void start() {
        started = true;
        requestFull();
        executor.scheduleWithFixedDelay(this::requestFull, resync.toMillis(), resync.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a pass soon. */
    void request() {
        if (started && pending.compareAndSet(false, true)) {
            try {
                executor.execute(this::run);
            } catch (RejectedExecutionException e) {
                pending.set(false);
            }
        }
    }

    private void requestFull() {
        fullPending.set(true);
        request();
    }

    private void run() {
        pending.set(false);
        boolean full = fullPending.getAndSet(false);
        try {
            PassReport report = pass.apply(full);
            state = state.succeeded(report);
            retry = FIRST_RETRY;
            if (report.changedOvs() || report.statusesQueued() > 0) {
                LOG.debugf("pass: %s", report);
            }
        } catch (RuntimeException e) {
            if (!started) {
                return;
            }
            state = state.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            LOG.warnf("DPU agent pass failed (retrying in %s): %s", retry, e.getMessage());
            LOG.debug("pass failure", e);
            executor.schedule(this::request, retry.toMillis(), TimeUnit.MILLISECONDS);
            Duration doubled = retry.multipliedBy(2);
            retry = doubled.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : doubled;
        }
    }

    SyncState state() {
        return state;
    }

    /** Lets a pass under way finish (so OVS and the fingerprints on the bridge agree), then stops. */
    @Override
    public void close() {
        started = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** How the loop is doing: passes run, the last report and when, the last error if the last pass failed. */
    record SyncState(long passes, PassReport last, Instant lastSuccess, String lastError) {

        static SyncState starting() {
            return new SyncState(0, null, null, null);
        }

        SyncState succeeded(PassReport report) {
            return new SyncState(passes + 1, report, Instant.now(), null);
        }

        SyncState failed(String error) {
            return new SyncState(passes + 1, last, lastSuccess, error);
        }
    }
}
