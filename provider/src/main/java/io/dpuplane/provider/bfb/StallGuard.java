package io.dpuplane.provider.bfb;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cuts a transfer that has stopped delivering bytes (HTTP has no read timeout of its own): closing the
 * body makes the blocked read fail, and the download resumes from where it was.
 */
final class StallGuard implements AutoCloseable {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bfb-download-stall-guard");
        t.setDaemon(true);
        return t;
    });

    private final InputStream body;
    private final long stallNanos;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean cut;
    private final ScheduledFuture<?> check;

    private StallGuard(InputStream body, Duration stall) {
        this.body = body;
        this.stallNanos = stall.toNanos();
        long period = Math.max(100, stall.toMillis() / 4);
        this.check = WATCHDOG.scheduleAtFixedRate(this::cutIfStalled, period, period, TimeUnit.MILLISECONDS);
    }

    static StallGuard watch(InputStream body, Duration stall) {
        return new StallGuard(body, stall);
    }

    /** Whether the guard cut the transfer. */
    boolean cut() {
        return cut;
    }

    void progressed() {
        lastProgress = System.nanoTime();
    }

    private void cutIfStalled() {
        if (System.nanoTime() - lastProgress > stallNanos) {
            cut = true;
            try {
                body.close();
            } catch (IOException e) {
                // closing is all we can do; the read fails either way
            }
            check.cancel(false);
        }
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
