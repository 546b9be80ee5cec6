package io.dpuplane.provider.bfb;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider's BFB downloads: at most one job per BFB, run on a small pool so a reconcile never waits
 * on a download, and the cache directories in use (the registry serves from them).
 */
public final class BfbDownloads implements AutoCloseable {

    private final Map<String, DownloadJob> jobs = new ConcurrentHashMap<>();
    private final Set<String> released = ConcurrentHashMap.newKeySet();
    private final Set<Path> cacheRoots = ConcurrentHashMap.newKeySet();
    private final HttpClient http;
    private final DownloadPolicy policy;
    private final ExecutorService pool;

    public BfbDownloads(DownloadPolicy policy, int parallelDownloads) {
        this.policy = policy;
        // HTTP/1.1, as the agents' fetches from the registry: no h2c upgrade on http:// URLs (see the agent's BfbRegistry).
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(parallelDownloads, r -> {
            Thread t = new Thread(r, "bfb-download-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The state of the BFB's download of exactly this request, if one is known. */
    public Optional<DownloadState> state(String key, DownloadRequest request) {
        DownloadJob job = jobs.get(key);
        return job != null && job.request().equals(request) ? Optional.of(job.state()) : Optional.empty();
    }

    /** Starts (or restarts) the BFB's download; a running one for another request is cancelled. */
    public void start(String key, DownloadRequest request, BfbCache cache) {
        cacheRoots.add(cache.root());
        released.remove(key);
        DownloadJob job = new DownloadJob(key, request, cache, http, policy);
        DownloadJob previous = jobs.put(key, job);
        if (previous != null) {
            previous.cancel();
        }
        pool.submit(job);
    }

    /** Forgets the BFB: cancels its download and marks its claim on the cache released. */
    public void release(String key) {
        DownloadJob job = jobs.remove(key);
        if (job != null) {
            job.cancel();
        }
        released.add(key);
    }

    public boolean isReleased(String key) {
        return released.contains(key);
    }

    /** Remembers a cache directory (e.g. one found verified after a restart) for the registry. */
    public void use(BfbCache cache) {
        cacheRoots.add(cache.root());
    }

    public Set<Path> cacheRoots() {
        return Set.copyOf(cacheRoots);
    }

    @Override
    public void close() {
        jobs.values().forEach(DownloadJob::cancel);
        pool.shutdownNow();
    }
}
