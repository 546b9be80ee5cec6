package io.dpuplane.provider.bfb;

import io.dpuplane.bfb.BfbFileNames;
import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootStreamException;
import io.dpuplane.bfb.BootStreamReport;
import io.dpuplane.bfb.BootStreamValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one BFB into the cache in a single pass: every byte goes to the temporary file, the sha256 and
 * the boot-stream validator together, so a corrupt or unexpected image is refused the moment it shows and
 * never enters the cache. Dropped connections are resumed with an HTTP Range request where the server
 * allows; the Content-Length is enforced.
 */
final class DownloadJob implements Runnable {

    private static final int BUFFER = 1 << 20;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final String key;
    private final DownloadRequest request;
    private final BfbCache cache;
    private final HttpClient http;
    private final DownloadPolicy policy;
    private volatile DownloadState state = new DownloadState.Running(0, -1, 0, 1);
    private volatile boolean cancelled;

    private MessageDigest sha256;
    private BootStreamValidator validator;
    private long written;
    private long total;

    DownloadJob(String key, DownloadRequest request, BfbCache cache, HttpClient http, DownloadPolicy policy) {
        this.key = key;
        this.request = request;
        this.cache = cache;
        this.http = http;
        this.policy = policy;
    }

    DownloadState state() {
        return state;
    }

    DownloadRequest request() {
        return request;
    }

    void cancel() {
        cancelled = true;
    }

    @Override
    public void run() {
        Path part = cache.partial(key);
        try {
            cache.prepare();
            restart(part);
            fetchWithRetries(part);
            BootStreamReport report = validator.finish();
            String digest = HexFormat.of().formatHex(sha256.digest());
            if (request.sha256() != null && !request.sha256().equals(digest)) {
                throw new Refused("sha256 mismatch: want " + request.sha256() + ", got " + digest
                        + " (the file at " + request.url() + " is not the image this BFB names)");
            }
            BfbVersions fromName = BfbFileNames.versions(request.fileName());
            BfbCache.Entry entry = cache.admit(part, new BfbCache.Entry(digest, written, report.images().size(),
                    report.versions().merge(fromName)));
            state = new DownloadState.Verified(entry);
        } catch (BootStreamException e) {
            fail(part, "not a valid BFB: " + e.getMessage());
        } catch (Refused e) {
            fail(part, e.getMessage());
        } catch (IOException e) {
            fail(part, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(part, "download of " + request.url() + " was cancelled");
        } catch (RuntimeException e) {
            fail(part, "download of " + request.url() + " failed: " + e.getMessage());
        }
    }

    private void fetchWithRetries(Path part) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
            if (cancelled) {
                throw new InterruptedException();
            }
            try {
                fetch(part, attempt);
                return;
            } catch (Refused | BootStreamException e) {
                throw e;
            } catch (IOException e) {
                last = e;
                if (attempt < policy.attempts()) {
                    Thread.sleep(policy.retryDelay(attempt).toMillis());
                }
            }
        }
        throw new IOException("download of " + request.url() + " failed after " + policy.attempts() + " attempts: "
                + last.getMessage(), last);
    }

    private void fetch(Path part, int attempt) throws IOException, InterruptedException {
        HttpRequest.Builder get = HttpRequest.newBuilder(request.url()).timeout(policy.readTimeout()).GET();
        if (written > 0) {
            get.header("Range", "bytes=" + written + "-");
        }
        HttpResponse<InputStream> response = http.send(get.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status >= 400) {
                throw new Refused("HTTP " + status + " from " + request.url() + (status == 404 ? ": no file at that URL" : ""));
            }
            if (status == 206) {
                resume(response, part);
            } else if (status == 200) {
                if (written > 0) {
                    restart(part);
                }
                total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            } else {
                throw new Refused("unexpected HTTP " + status + " from " + request.url());
            }
            copy(body, part, attempt);
        }
        if (total >= 0 && written < total) {
            throw new IOException("connection closed after " + written + " of " + total + " bytes");
        }
        if (total < 0 && written == 0) {
            throw new IOException("the server sent no bytes");
        }
    }

    private void resume(HttpResponse<InputStream> response, Path part) throws IOException {
        Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        if (!range.matches() || Long.parseLong(range.group(1)) != written) {
            restart(part);
            throw new IOException("server answered the resume with an unusable Content-Range; starting over");
        }
        total = "*".equals(range.group(3)) ? -1 : Long.parseLong(range.group(3));
    }

    private void copy(InputStream body, Path part, int attempt) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long started = System.nanoTime();
        long startBytes = written;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                StallGuard guard = StallGuard.watch(body, policy.stallTimeout())) {
            int n;
            while ((n = read(body, buffer, guard)) > 0) {
                guard.progressed();
                if (cancelled) {
                    throw new IOException("cancelled");
                }
                if (total >= 0 && written + n > total) {
                    throw new Refused("server sent more than the " + total + " bytes its Content-Length announced");
                }
                validator.update(buffer, 0, n);
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
                written += n;
                double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
                state = new DownloadState.Running(written, total, (long) ((written - startBytes) / seconds), attempt);
            }
        }
    }

    /** One read, with a failure that says how far the transfer got. */
    private int read(InputStream body, byte[] buffer, StallGuard guard) throws IOException {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            String of = total >= 0 ? " of " + total : "";
            throw new IOException(guard.cut()
                    ? "transfer stalled (no byte for " + policy.stallTimeout().toSeconds() + "s) after " + written + of + " bytes"
                    : "connection lost after " + written + of + " bytes: " + e.getMessage(), e);
        }
    }

    private void restart(Path part) throws IOException {
        Files.deleteIfExists(part);
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        validator = new BootStreamValidator();
        written = 0;
        total = -1;
    }

    private void fail(Path part, String message) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // the next attempt truncates it anyway
        }
        state = new DownloadState.Failed(message, Instant.now().plus(policy.failureBackoff()));
    }

    /** A failure that retrying the same request cannot fix. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

}
