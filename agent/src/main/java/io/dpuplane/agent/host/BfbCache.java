package io.dpuplane.agent.host;

import io.dpuplane.bfb.BootStreamException;
import io.dpuplane.bfb.BootStreamReport;
import io.dpuplane.bfb.BootStreamValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The BFBs this host has downloaded: one checked copy of each on local disk, shared by the installs of all its
 * cards, so a host of eight BlueFields fetches a 1.5 GiB image once, not eight times. A BFB is known by its sha256.
 * It is downloaded once (installs asking meanwhile wait for that download) and checked on the way: every image's
 * CRC, the chain's end, the sha256; only then is it kept. A download that fails, stalls or is refused keeps nothing
 * and has touched no card. A copy found on disk after a restart is checked again before its first use. Copies
 * beyond the {@code keep} most recently used are deleted once no install streams them. A BFB asked for without a
 * sha256 cannot be shared: it is downloaded for that install alone and deleted after.
 */
final class BfbCache implements AutoCloseable {

    private static final int CHUNK = 1 << 20;
    private static final Duration WAIT_POLL = Duration.ofMillis(250);

    private final Path dir;
    private final BfbRegistry registry;
    private final int keep;
    private final Map<String, Fill> filling = new HashMap<>();
    private final Map<String, Entry> entries = new HashMap<>();
    private final ExecutorService fills = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bfb-download");
        t.setDaemon(true);
        return t;
    });

    /** Keeps up to {@code keep} BFBs under {@code dir}; a download waits at most {@code stallTimeout} for a byte. */
    BfbCache(Path dir, Duration stallTimeout, int keep) {
        this.dir = dir;
        this.registry = new BfbRegistry(stallTimeout);
        this.keep = Math.max(1, keep);
        removeLeftovers();
    }

    /** Downloads cut short and unshared copies of an agent that stopped: nobody will stream them. */
    private void removeLeftovers() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".part")
                    || f.getFileName().toString().startsWith("unshared-")).forEach(BfbCache::deleteQuietly);
        } catch (IOException e) {
            // left for the next start
        }
    }

    /** What the copy an install waits for is going through: a download, or the check of a copy kept on disk. */
    enum Activity { DOWNLOADING, VERIFYING }

    /** How far the download (or the check of the kept copy) an install waits for has come. */
    interface Progress {
        void progressed(Activity activity, long bytes, long total);
    }

    /**
     * A checked copy of the BFB at {@code url}, held until the lease is closed: from disk when this host has it,
     * else downloaded (once, whoever else asks meanwhile). Throws {@link Unusable} when the download fails or the
     * image is refused, {@link Abandoned} once {@code cancelled} says the install no longer wants it.
     */
    Lease fetch(String url, String sha256, Progress progress, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        Fill fill = join(url, sha256 == null ? "" : sha256);
        try {
            while (true) {
                try {
                    return lease(fill.done.get(WAIT_POLL.toMillis(), TimeUnit.MILLISECONDS));
                } catch (TimeoutException waiting) {
                    progress.progressed(fill.activity, fill.bytes, fill.total);
                    if (cancelled.getAsBoolean()) {
                        throw new Abandoned();
                    }
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            }
        } finally {
            leave(fill);
        }
    }

    /** The download of this BFB under way, or a new one; an install without a sha256 gets one of its own. */
    private synchronized Fill join(String url, String sha256) {
        Fill fill = sha256.isEmpty() ? null : filling.get(sha256);
        if (fill == null) {
            fill = new Fill(url, sha256);
            if (!sha256.isEmpty()) {
                Entry kept = entries.get(sha256);
                if (kept != null) {
                    fill.done.complete(kept);
                    fill.waiters++;
                    return fill;
                }
                filling.put(sha256, fill);
            }
            Fill started = fill;
            fills.submit(() -> run(started));
        }
        fill.waiters++;
        return fill;
    }

    private synchronized Lease lease(Entry entry) {
        entry.leases++;
        entry.lastUsed = System.nanoTime();
        return new Lease(entry);
    }

    /** One install stops waiting; the last to go ends a download nobody wants any more. */
    private synchronized void leave(Fill fill) {
        fill.waiters--;
        if (fill.waiters == 0 && !fill.done.isDone()) {
            filling.remove(fill.sha256, fill);
            fill.abandon();
        }
    }

    private void run(Fill fill) {
        try {
            Entry entry = fill.sha256.isEmpty() ? download(fill, dir.resolve("unshared-" + UUID.randomUUID() + ".bfb"))
                    : keptOrDownloaded(fill);
            synchronized (this) {
                if (!entry.unshared()) {
                    filling.remove(fill.sha256, fill);
                    entries.put(fill.sha256, entry);
                }
            }
            // Older copies go before the installs hear of this one: the newest is never among them.
            evict();
            fill.done.complete(entry);
            if (entry.unshared() && fill.abandoned) {
                deleteQuietly(entry.file);
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                filling.remove(fill.sha256, fill);
            }
            fill.done.completeExceptionally(fill.abandoned ? new Abandoned() : e);
        }
    }

    /** The copy on disk, checked again (it may have been cut short or changed while the agent was down), or a new one. */
    private Entry keptOrDownloaded(Fill fill) throws IOException {
        Path file = dir.resolve(fill.sha256 + ".bfb");
        if (Files.isRegularFile(file)) {
            fill.activity = Activity.VERIFYING;
            fill.total = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                Checked checked = check(in, fill, file.toString(), -1);
                if (checked.matches(fill.sha256)) {
                    return new Entry(fill.sha256, file, checked.bytes(), checked.report());
                }
            } catch (Unusable e) {
                // damaged on disk: fetched again below
            }
            Files.deleteIfExists(file);
            fill.activity = Activity.DOWNLOADING;
            fill.bytes = 0;
            fill.total = -1;
        }
        return download(fill, file);
    }

    private Entry download(Fill fill, Path file) throws IOException {
        Files.createDirectories(dir);
        Path part = dir.resolve(file.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            BfbRegistry.Download response;
            try {
                response = registry.get(fill.url);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Abandoned();
            }
            if (response.status() != 200) {
                response.body().close();
                throw new Unusable("HTTP " + response.status() + " from " + fill.url);
            }
            fill.total = response.totalBytes();
            Checked checked;
            try (StallGuard in = response.body(); OutputStream out = Files.newOutputStream(part)) {
                fill.body = in;
                if (fill.abandoned) {
                    throw new Abandoned();
                }
                checked = check(new Teed(in, out), fill, fill.url, fill.total);
            }
            if (!fill.sha256.isEmpty() && !checked.matches(fill.sha256)) {
                throw new Unusable("sha256 mismatch: want " + fill.sha256 + ", got " + checked.sha256());
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Entry(fill.sha256, file, checked.bytes(), checked.report());
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * Reads a whole BFB from {@code from} through the boot-stream validator and a sha256, counting its bytes into
     * the fill; {@code expected} bytes, when known (-1 if not).
     */
    private Checked check(InputStream in, Fill fill, String from, long expected) throws IOException {
        MessageDigest sha256 = sha256();
        BootStreamValidator validator = new BootStreamValidator();
        byte[] buffer = new byte[CHUNK];
        long received = 0;
        try {
            int n;
            while ((n = read(in, buffer, fill, received, expected, from)) > 0) {
                validator.update(buffer, 0, n);
                sha256.update(buffer, 0, n);
                received += n;
                fill.bytes = received;
            }
            if (received == 0 || (expected >= 0 && received != expected)) {
                throw new Unusable("the BFB registry sent " + bytes(received, expected) + " from " + from);
            }
            return new Checked(received, validator.finish(), HexFormat.of().formatHex(sha256.digest()));
        } catch (BootStreamException e) {
            throw new Unusable("corrupt BFB stopped after " + received + " bytes of " + from + ": " + e.getMessage());
        }
    }

    /** The next bytes; a download that stalled, broke off or was abandoned ends here, saying so. */
    private static int read(InputStream in, byte[] buffer, Fill fill, long received, long expected, String from)
            throws IOException {
        if (fill.abandoned) {
            throw new Abandoned();
        }
        try {
            return in.read(buffer);
        } catch (StallGuard.Stalled e) {
            throw new Unusable("the BFB registry sent nothing for " + seconds(e.timeout()) + " after "
                    + bytes(received, expected) + " from " + from);
        } catch (IOException e) {
            throw fill.abandoned ? new Abandoned() : new Unusable("the BFB registry sent " + bytes(received, expected)
                    + " from " + from + " (" + causes(e) + ")");
        }
    }

    /** Deletes the least recently used copies beyond {@code keep} that no install is streaming. */
    private void evict() {
        List<Entry> gone;
        synchronized (this) {
            List<Entry> byUse = entries.values().stream().sorted(Comparator.comparingLong((Entry e) -> e.lastUsed)
                    .reversed()).toList();
            gone = byUse.stream().skip(keep).filter(e -> e.leases == 0).toList();
            gone.forEach(e -> entries.remove(e.sha256));
        }
        gone.forEach(e -> deleteQuietly(e.file));
    }

    private synchronized void release(Entry entry) {
        entry.leases--;
        if (entry.unshared() && entry.leases == 0) {
            deleteQuietly(entry.file);
        }
    }

    /** A copy proved damaged while streamed: forgotten and deleted, so the next install downloads it again. */
    private void discard(Entry entry) {
        synchronized (this) {
            entries.remove(entry.sha256, entry);
        }
        deleteQuietly(entry.file);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next eviction or restart tries again
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            filling.values().forEach(Fill::abandon);
        }
        fills.shutdownNow();
        registry.close();
    }

    /** A checked BFB on this host's disk, held for one install's stream. */
    final class Lease implements AutoCloseable {

        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        Path file() {
            return entry.file;
        }

        long size() {
            return entry.size;
        }

        /** The image's versions and chain, as checked when it was downloaded. */
        BootStreamReport report() {
            return entry.report;
        }

        /** The copy turned out damaged (a CRC failed as it was streamed): it is deleted. */
        void discard() {
            BfbCache.this.discard(entry);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(entry);
            }
        }
    }

    /** The download of one BFB: who waits for it, how far it is, and its end. */
    private static final class Fill {
        final String url;
        final String sha256;
        final CompletableFuture<Entry> done = new CompletableFuture<>();
        int waiters;
        volatile Activity activity = Activity.DOWNLOADING;
        volatile long bytes;
        volatile long total = -1;
        volatile StallGuard body;
        volatile boolean abandoned;

        Fill(String url, String sha256) {
            this.url = url;
            this.sha256 = sha256;
        }

        void abandon() {
            abandoned = true;
            StallGuard b = body;
            if (b != null) {
                b.abort();
            }
        }
    }

    /** A BFB on disk: its size and what its check found; {@code leases} installs stream it now. */
    private static final class Entry {
        final String sha256;
        final Path file;
        final long size;
        final BootStreamReport report;
        int leases;
        long lastUsed = System.nanoTime();

        Entry(String sha256, Path file, long size, BootStreamReport report) {
            this.sha256 = sha256;
            this.file = file;
            this.size = size;
            this.report = report;
        }

        boolean unshared() {
            return sha256.isEmpty();
        }
    }

    private record Checked(long bytes, BootStreamReport report, String sha256) {
        boolean matches(String want) {
            return want.isEmpty() || want.equals(sha256);
        }
    }

    /** The download's bytes, written to the part file as they are read. */
    private static final class Teed extends java.io.FilterInputStream {
        private final OutputStream copy;

        Teed(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
            }
            return n;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "N of M bytes", or "N bytes" when the registry gave no length. */
    private static String bytes(long received, long total) {
        return total > 0 ? received + " of " + total + " bytes" : received + " bytes";
    }

    /** "60 s", or "500 ms" below a second. */
    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** An exception's message and its causes' ("closed; fixed content-length: 9, bytes received: 4; ..."). */
    private static String causes(Throwable e) {
        return Stream.iterate(e, c -> c != null, Throwable::getCause).map(Throwable::getMessage)
                .filter(m -> m != null).distinct().collect(Collectors.joining("; "));
    }

    /** The BFB cannot be used: the registry failed, or the image is not the one asked for or is damaged. */
    static final class Unusable extends IOException {
        Unusable(String message) {
            super(message);
        }
    }

    /** The install stopped waiting for the BFB (it was cancelled, or the agent is stopping). */
    static final class Abandoned extends IOException {
        Abandoned() {
            super("abandoned");
        }
    }
}
