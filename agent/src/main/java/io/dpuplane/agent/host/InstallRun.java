package io.dpuplane.agent.host;

import io.dpuplane.bfb.BootArgsAppender;
import io.dpuplane.bfb.BootStreamException;
import io.dpuplane.bfb.BootStreamReport;
import io.dpuplane.bfb.BootStreamValidator;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One install: streams the BFB from the provider's registry into the card's {@code boot} file with the bf.cfg
 * appended, checking every image's CRC and the sha256 on the way. The stream's last bytes are held back until
 * the whole of it is known good, so a corrupt, cut-short or unexpected image never completes on the device; a
 * registry that stops sending ends the download after the stall timeout; on any failure the card is reset.
 * Then follows the console until the DPU is up running the streamed image, or it fails.
 */
final class InstallRun implements Runnable {

    private static final int CHUNK = 1 << 20;
    private static final int HOLD_BACK = 1 << 16;
    // A boot takes minutes; half a second is quick enough to tell (the provider looks every 2 s at most).
    private static final Duration CONSOLE_POLL = Duration.ofMillis(500);

    private final Operations operations;
    private final String id;
    private final RshimPort port;
    private final byte[] bfCfg;
    private final BfbRegistry registry;
    private final Duration bootTimeout;
    private volatile boolean cancelled;
    private volatile StallGuard download;

    InstallRun(Operations operations, String id, RshimPort port, byte[] bfCfg, BfbRegistry registry,
            Duration bootTimeout) {
        this.operations = operations;
        this.id = id;
        this.port = port;
        this.bfCfg = bfCfg;
        this.registry = registry;
        this.bootTimeout = bootTimeout;
    }

    /** Stops the install, also while it waits for the registry (the download is closed under the read). */
    void cancel() {
        cancelled = true;
        StallGuard body = download;
        if (body != null) {
            body.abort();
        }
    }

    @Override
    public void run() {
        OperationRecord op = operations.get(id).orElseThrow();
        ConsoleFollower thisInstall = port.followConsole();
        try {
            BootStreamReport report = stream(op);
            String doca = report.versions().doca();
            operations.update(id, r -> r.withDocaVersion(doca).progress("Booting", r.bytesPushed(), r.totalBytes()));
            followBoot(thisInstall, doca);
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
        BfbRegistry.Download response = registry.get(op.bfbUrl());
        if (response.status() != 200) {
            response.body().close();
            throw new Refused("HTTP " + response.status() + " from " + op.bfbUrl());
        }
        long total = response.totalBytes();
        MessageDigest sha256 = sha256();
        BootStreamValidator validator = new BootStreamValidator();
        operations.update(id, r -> r.progress("Streaming", 0, total));
        long pushed = 0;
        long journaled = 0;
        try (StallGuard in = response.body();
                BootArgsAppender device = new BootArgsAppender(port.openBoot(), bfCfg);
                HoldBackOutputStream held = new HoldBackOutputStream(device, HOLD_BACK)) {
            download = in;
            byte[] buffer = new byte[CHUNK];
            int n;
            try {
                while ((n = receive(in, buffer, pushed, total, op.bfbUrl())) > 0) {
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
                if (pushed == 0 || (total >= 0 && pushed != total)) {
                    throw new Refused("the BFB registry sent " + bytes(pushed, total) + " from " + op.bfbUrl());
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

    /** The registry's next bytes; a download that stalled, broke off or was cancelled ends here, saying so. */
    private int receive(StallGuard in, byte[] buffer, long received, long total, String url) throws IOException {
        if (cancelled) {
            throw new Cancelled();
        }
        try {
            return in.read(buffer);
        } catch (StallGuard.Stalled e) {
            throw new Refused("the BFB registry sent nothing for " + seconds(e.timeout()) + " after "
                    + bytes(received, total) + " from " + url);
        } catch (IOException e) {
            throw cancelled ? new Cancelled()
                    : new Refused("the BFB registry sent " + bytes(received, total) + " from " + url + " (" + causes(e) + ")");
        }
    }

    /** Judges the lines the card prints from the stream's start on, as they come (most polls find none). */
    private void followBoot(ConsoleFollower thisInstall, String doca) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + bootTimeout.toNanos();
        boolean first = true;
        while (System.nanoTime() < deadline) {
            if (cancelled) {
                throw new Cancelled();
            }
            List<String> printed = thisInstall.poll();
            if (printed.isEmpty() && !first) {
                Thread.sleep(CONSOLE_POLL.toMillis());
                continue;
            }
            first = false;
            List<String> console = thisInstall.tail();
            operations.update(id, r -> r.withConsole(console));
            BootConsole.Verdict verdict = BootConsole.judge(printed, doca);
            if (verdict instanceof BootConsole.Up) {
                operations.update(id, r -> r.finish(OperationRecord.State.SUCCEEDED, null, Operations.now()));
                return;
            }
            if (verdict instanceof BootConsole.Failed failed) {
                throw new IOException(failed.why());
            }
            Thread.sleep(CONSOLE_POLL.toMillis());
        }
        throw new IOException("the DPU did not come up within " + bootTimeout.toMinutes() + " min" + lastConsoleLine());
    }

    private String lastConsoleLine() {
        List<String> tail = port.consoleTail(1);
        return tail.isEmpty() ? "" : " (console: " + BootConsole.withoutTimestamp(tail.get(0)) + ")";
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
