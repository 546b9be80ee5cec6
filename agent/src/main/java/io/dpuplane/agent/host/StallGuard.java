package io.dpuplane.agent.host;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A download body whose reads cannot hang: a watchdog closes it when a read has waited longer than the stall
 * timeout for a byte, and {@link #abort()} closes it at once. Closing from another thread is the one thing that
 * unblocks a read of the JDK HttpClient's body stream, which otherwise waits for ever on a registry that keeps
 * the connection open and sends nothing. Time spent elsewhere (writing to a slow device) never counts.
 */
final class StallGuard extends FilterInputStream {

    private static final long NOT_READING = Long.MIN_VALUE;

    private final Duration timeout;
    private final ScheduledFuture<?> watch;
    private volatile long readingSince = NOT_READING;
    private volatile boolean stalled;

    StallGuard(InputStream body, Duration timeout, ScheduledExecutorService watchdog) {
        super(body);
        this.timeout = timeout;
        long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        this.watch = watchdog.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /** As the body's read; throws {@link Stalled} once the watchdog has closed the body. */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        readingSince = System.nanoTime();
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            throw stalled ? new Stalled(timeout) : e;
        } finally {
            readingSince = NOT_READING;
        }
        if (stalled) {
            throw new Stalled(timeout);
        }
        return n;
    }

    /** Ends the download now: a blocked read returns with an IOException. */
    void abort() {
        closeQuietly();
    }

    private void check() {
        long since = readingSince;
        if (since != NOT_READING && System.nanoTime() - since > timeout.toNanos()) {
            stalled = true;
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException e) {
            // closing is only to unblock the reader; whatever it throws, the read ends
        }
    }

    @Override
    public void close() throws IOException {
        watch.cancel(false);
        in.close();
    }

    /** No byte arrived for the stall timeout. */
    static final class Stalled extends IOException {

        private final Duration timeout;

        Stalled(Duration timeout) {
            super("nothing arrived for " + timeout);
            this.timeout = timeout;
        }

        Duration timeout() {
            return timeout;
        }
    }
}
