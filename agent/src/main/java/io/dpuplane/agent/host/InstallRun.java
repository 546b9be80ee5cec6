package io.dpuplane.agent.host;

import io.dpuplane.bfb.BootArgsAppender;
import io.dpuplane.bfb.BootStreamException;
import io.dpuplane.bfb.BootStreamReport;
import io.dpuplane.bfb.BootStreamValidator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One install: streams the BFB from the provider's registry into the card's {@code boot} file with the bf.cfg
 * appended, checking every image's CRC and the sha256 on the way. The stream's last bytes are held back until
 * the whole of it is known good, so a corrupt or unexpected image never completes on the device; on any
 * failure the card is reset. Then follows the console until the DPU is up, or it fails.
 */
final class InstallRun implements Runnable {

    private static final int CHUNK = 1 << 20;
    private static final int HOLD_BACK = 1 << 16;
    private static final Duration CONSOLE_POLL = Duration.ofMillis(200);

    private final Operations operations;
    private final String id;
    private final RshimPort port;
    private final byte[] bfCfg;
    private final HttpClient http;
    private final Duration bootTimeout;
    private volatile boolean cancelled;

    InstallRun(Operations operations, String id, RshimPort port, byte[] bfCfg, HttpClient http, Duration bootTimeout) {
        this.operations = operations;
        this.id = id;
        this.port = port;
        this.bfCfg = bfCfg;
        this.http = http;
        this.bootTimeout = bootTimeout;
    }

    void cancel() {
        cancelled = true;
    }

    @Override
    public void run() {
        OperationRecord op = operations.get(id).orElseThrow();
        ConsoleSince thisInstall = ConsoleSince.now(port);
        try {
            BootStreamReport report = stream(op);
            String doca = report.versions().doca();
            operations.update(id, r -> r.withDocaVersion(doca).progress("Booting", r.bytesPushed(), r.totalBytes()));
            followBoot(thisInstall);
        } catch (Refused e) {
            resetAndFail(OperationRecord.State.FAILED, e.getMessage() + "; nothing was flashed and the device was reset");
        } catch (Cancelled e) {
            resetAndFail(OperationRecord.State.CANCELLED, "cancelled; the device was reset");
        } catch (IOException e) {
            resetAndFail(OperationRecord.State.FAILED, e.getMessage() + "; the device was reset");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resetAndFail(OperationRecord.State.INTERRUPTED, "the agent stopped during the install; the device was reset");
        }
    }

    private BootStreamReport stream(OperationRecord op) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(op.bfbUrl()))
                .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new Refused("HTTP " + response.statusCode() + " from " + op.bfbUrl());
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        MessageDigest sha256 = sha256();
        BootStreamValidator validator = new BootStreamValidator();
        operations.update(id, r -> r.progress("Streaming", 0, total));
        long pushed = 0;
        long journaled = 0;
        try (InputStream in = response.body();
                BootArgsAppender device = new BootArgsAppender(port.openBoot(), bfCfg);
                HoldBackOutputStream held = new HoldBackOutputStream(device, HOLD_BACK)) {
            byte[] buffer = new byte[CHUNK];
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    if (cancelled) {
                        held.discard();
                        throw new Cancelled();
                    }
                    validator.update(buffer, 0, n);
                    sha256.update(buffer, 0, n);
                    held.write(buffer, 0, n);
                    pushed += n;
                    if (pushed - journaled >= CHUNK) {
                        long at = pushed;
                        operations.update(id, r -> r.progress("Streaming", at, total));
                        journaled = pushed;
                    }
                }
                BootStreamReport report = validator.finish();
                String digest = HexFormat.of().formatHex(sha256.digest());
                if (!op.bfbSha256().isEmpty() && !op.bfbSha256().equals(digest)) {
                    throw new Refused("sha256 mismatch: want " + op.bfbSha256() + ", got " + digest);
                }
                held.release();
                long at = pushed;
                operations.update(id, r -> r.progress("Streaming", at, total));
                return report;
            } catch (BootStreamException e) {
                held.discard();
                throw new Refused("corrupt BFB stopped after " + pushed + " bytes: " + e.getMessage());
            } catch (Refused | Cancelled e) {
                held.discard();
                throw e;
            }
        } catch (IOException e) {
            if (e instanceof Refused || e instanceof Cancelled) {
                throw e;
            }
            throw new IOException("the device stopped taking the boot stream after " + pushed + " bytes: "
                    + e.getMessage() + lastConsoleLine(), e);
        }
    }

    private void followBoot(ConsoleSince thisInstall) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + bootTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cancelled) {
                throw new Cancelled();
            }
            List<String> console = port.consoleTail(20);
            operations.update(id, r -> r.withConsole(console));
            List<String> fresh = thisInstall.of(console);
            Optional<String> failure = fresh.stream()
                    .filter(l -> l.contains("ERROR") || l.contains("rejected") || l.contains("power lost")).reduce((a, b) -> b);
            if (fresh.stream().anyMatch(l -> l.contains("DPU is up"))) {
                operations.update(id, r -> r.finish(OperationRecord.State.SUCCEEDED, null, Operations.now()));
                return;
            }
            if (failure.isPresent()) {
                throw new IOException("the DPU failed to boot: " + failure.get().replaceFirst("^\\S+ ", ""));
            }
            Thread.sleep(CONSOLE_POLL.toMillis());
        }
        throw new IOException("the DPU did not come up within " + bootTimeout.toMinutes() + " min" + lastConsoleLine());
    }

    private String lastConsoleLine() {
        List<String> tail = port.consoleTail(1);
        return tail.isEmpty() ? "" : " (console: " + tail.get(0).replaceFirst("^\\S+ ", "") + ")";
    }

    private void resetAndFail(OperationRecord.State end, String why) {
        try {
            port.reset();
        } catch (IOException e) {
            why = why + " (reset failed: " + e.getMessage() + ")";
        }
        String message = why;
        List<String> console = port.consoleTail(20);
        operations.update(id, r -> r.withConsole(console).finish(end, message, Operations.now()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stream the agent refuses to let complete on the device. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** The operation was cancelled. */
    private static final class Cancelled extends IOException {
        Cancelled() {
            super("cancelled");
        }
    }
}
