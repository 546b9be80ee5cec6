package io.dpuplane.agent.host;

import io.dpuplane.bfb.BootArgsAppender;
import io.dpuplane.bfb.BootStreamException;
import io.dpuplane.bfb.BootStreamReport;
import io.dpuplane.bfb.BootStreamValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * One install: the BFB from this host's {@link BfbCache} (downloaded from the provider's registry once per host,
 * every image's CRC and the sha256 checked before any byte of it reaches a card), streamed into the card's
 * {@code boot} file with the bf.cfg appended, every image's CRC checked again on the way. The stream's last bytes
 * are held back until the whole of it is known good, so a damaged image never completes on the device; a download
 * that fails leaves the card untouched; a stream that fails resets the card. Then follows the console until the
 * DPU is up running the streamed image, or it fails.
 */
final class InstallRun implements Runnable {

    private static final int CHUNK = 1 << 20;
    private static final int HOLD_BACK = 1 << 16;
    // The console is read as the card prints; this is only how often a quiet boot checks its deadline and whether
    // it was cancelled.
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final int CONSOLE_TAIL = 20;

    private final Operations operations;
    private final String id;
    private final RshimPort port;
    private final byte[] bfCfg;
    private final BfbCache bfbs;
    private final Duration bootTimeout;
    private volatile boolean cancelled;

    InstallRun(Operations operations, String id, RshimPort port, byte[] bfCfg, BfbCache bfbs, Duration bootTimeout) {
        this.operations = operations;
        this.id = id;
        this.port = port;
        this.bfCfg = bfCfg;
        this.bfbs = bfbs;
        this.bootTimeout = bootTimeout;
    }

    /** Stops the install, also while it waits for its BFB's download. */
    void cancel() {
        cancelled = true;
    }

    @Override
    public void run() {
        OperationRecord op = operations.get(id).orElseThrow();
        BfbCache.Lease bfb;
        try {
            bfb = bfbs.fetch(op.bfbUrl(), op.bfbSha256(), (activity, bytes, total) -> operations.update(id,
                    r -> r.progress(activity == BfbCache.Activity.VERIFYING ? Operations.VERIFYING : Operations.DOWNLOADING,
                            bytes, total)), () -> cancelled);
        } catch (BfbCache.Abandoned e) {
            fail(OperationRecord.State.CANCELLED, "cancelled while the BFB downloaded; nothing was sent to the card");
            return;
        } catch (IOException e) {
            fail(OperationRecord.State.FAILED, e.getMessage() + "; nothing was sent to the card");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(OperationRecord.State.INTERRUPTED, "the agent stopped while the BFB downloaded; nothing was sent to "
                    + "the card");
            return;
        }
        try {
            ConsoleTap.Follower thisInstall;
            BootStreamReport report;
            try (bfb) {
                thisInstall = port.followConsole();
                report = stream(bfb);
            }
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

    /** Streams this host's copy of the BFB into the card, checking it again on the way. */
    private BootStreamReport stream(BfbCache.Lease bfb) throws IOException {
        long total = bfb.size();
        BootStreamValidator validator = new BootStreamValidator();
        operations.update(id, r -> r.progress("Streaming", 0, total));
        long pushed = 0;
        long journaled = 0;
        try (InputStream in = Files.newInputStream(bfb.file());
                BootArgsAppender device = new BootArgsAppender(port.openBoot(), bfCfg);
                HoldBackOutputStream held = new HoldBackOutputStream(device, HOLD_BACK)) {
            byte[] buffer = new byte[CHUNK];
            int n;
            try {
                while ((n = readCopy(in, buffer, bfb)) > 0) {
                    if (cancelled) {
                        throw new Cancelled();
                    }
                    validator.update(buffer, 0, n);
                    held.write(buffer, 0, n);
                    pushed += n;
                    if (pushed - journaled >= CHUNK) {
                        long at = pushed;
                        operations.update(id, r -> r.progress("Streaming", at, total));
                        journaled = pushed;
                    }
                }
                BootStreamReport report = validator.finish();
                if (pushed != total) {
                    throw damaged(bfb, "it has " + pushed + " of its " + total + " bytes");
                }
                held.release();
                long at = pushed;
                operations.update(id, r -> r.progress("Streaming", at, total));
                return report;
            } catch (BootStreamException e) {
                held.discard();
                throw damaged(bfb, "stopped after " + pushed + " bytes: " + e.getMessage());
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

    /** The copy's next bytes; a copy this host cannot read is refused (and deleted) like a damaged one. */
    private static int readCopy(InputStream in, byte[] buffer, BfbCache.Lease bfb) throws Refused {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw damaged(bfb, "it cannot be read: " + e.getMessage());
        }
    }

    /** This host's copy of the BFB changed on disk since it was checked: deleted, so the next attempt downloads it. */
    private static Refused damaged(BfbCache.Lease bfb, String how) {
        bfb.discard();
        return new Refused("this host's copy of the BFB is damaged (" + how + "); it was deleted and the next "
                + "attempt downloads it again");
    }

    /** Judges the lines the card prints from the stream's start on, as they come. */
    private void followBoot(ConsoleTap.Follower thisInstall, String doca) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + bootTimeout.toNanos();
        boolean first = true;
        while (System.nanoTime() < deadline) {
            if (cancelled) {
                throw new Cancelled();
            }
            List<String> printed = thisInstall.next(first ? Duration.ZERO : QUIET);
            if (printed.isEmpty() && !first) {
                continue;
            }
            first = false;
            List<String> console = port.consoleTail(CONSOLE_TAIL);
            operations.update(id, r -> r.withConsole(console));
            BootConsole.Verdict verdict = BootConsole.judge(printed, doca);
            if (verdict instanceof BootConsole.Up) {
                operations.update(id, r -> r.finish(OperationRecord.State.SUCCEEDED, null, Operations.now()));
                return;
            }
            if (verdict instanceof BootConsole.Failed failed) {
                throw new IOException(failed.why());
            }
        }
        throw new IOException("the DPU did not come up within " + bootTimeout.toMinutes() + " min" + lastConsoleLine());
    }

    private String lastConsoleLine() {
        List<String> tail = port.consoleTail(1);
        return tail.isEmpty() ? "" : " (console: " + BootConsole.withoutTimestamp(tail.get(0)) + ")";
    }

    /** Ends the install without touching the card (nothing was sent to it). */
    private void fail(OperationRecord.State end, String why) {
        operations.update(id, r -> r.finish(end, why, Operations.now()));
    }

    private void resetAndFail(OperationRecord.State end, String why) {
        try {
            port.reset();
        } catch (IOException e) {
            why = why + " (reset failed: " + e.getMessage() + ")";
        }
        String message = why;
        List<String> console = port.consoleTail(CONSOLE_TAIL);
        operations.update(id, r -> r.withConsole(console).finish(end, message, Operations.now()));
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
