package io.dpuplane.agent.host;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The provider's BFB registry as the agent's installs read it: one HTTP client for all of them, and every body
 * read through a {@link StallGuard}, so a registry that stops sending ends a download instead of hanging it.
 */
final class BfbRegistry implements AutoCloseable {

    // HTTP/1.1: the JDK client otherwise offers an h2c upgrade on http:// URLs, and with 50 installs starting at
    // once a connection came back mid-upgrade: BFB bytes read as an HTTP/2 frame ("Frame type(250) length(13766621)
    // exceeds MAX_FRAME_SIZE"), the download cut after 8 KiB and the install failed. One large body per connection
    // needs nothing HTTP/2 offers.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private final Duration stallTimeout;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bfb-stall-watchdog");
        t.setDaemon(true);
        return t;
    });

    BfbRegistry(Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    /** GETs a BFB: its headers within 2 minutes, then a body the caller reads (and closes) through its guard. */
    Download get(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        return new Download(response.statusCode(), response.headers().firstValueAsLong("Content-Length").orElse(-1),
                new StallGuard(response.body(), stallTimeout, watchdog));
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /** One response: its status, its Content-Length (-1 when not given) and its guarded body. */
    record Download(int status, long totalBytes, StallGuard body) {
    }
}
