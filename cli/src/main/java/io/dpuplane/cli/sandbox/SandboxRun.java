package io.dpuplane.cli.sandbox;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@code sandbox up}: start the parts, apply the quickstart, show the board until everything is Ready or
 * the timeout passes, then either exit (with {@code --exit-when-ready}) or stay up until Ctrl-C.
 */
final class SandboxRun implements Callable<Integer> {

    private static final Duration REFRESH = Duration.ofSeconds(1);

    private final SandboxDir dir;
    private final SandboxOptions options;
    private final PrintWriter out;
    private final boolean terminal;
    private final CountDownLatch stopped = new CountDownLatch(1);

    SandboxRun(SandboxDir dir, SandboxOptions options, PrintWriter out, boolean terminal) {
        this.dir = dir;
        this.options = options;
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Steps steps = new Steps(out);
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(dir, options, steps);
        } catch (Steps.StepFailedException e) {
            out.println("sandbox: " + e.getMessage() + " (logs in " + dir.logs() + ")");
            return 1;
        }
        Thread hook = new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-down");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Integer outcome = converge(sandbox, steps);
            if (outcome != 0 || options.exitWhenReady()) {
                return outcome;
            }
            out.println("the sandbox stays up; Ctrl-C or `dpuplane sandbox down` stops it");
            out.flush();
            stopped.await();
            return 0;
        } catch (Steps.StepFailedException e) {
            out.println("sandbox: " + e.getMessage() + " (logs in " + dir.logs() + ")");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            if (options.exitWhenReady()) {
                Runtime.getRuntime().removeShutdownHook(hook);
                sandbox.close();
            }
        }
    }

    private Integer converge(Sandbox sandbox, Steps steps) throws InterruptedException {
        steps.run("quickstart", () -> new Quickstart(sandbox, options).apply());
        ProgressBoard board = new ProgressBoard(sandbox.hostClient());
        LiveView view = new LiveView(out, terminal);
        long deadline = System.nanoTime() + options.timeout().toNanos();
        ProgressBoard.Snapshot snapshot = board.snapshot();
        while (!snapshot.allReady() || snapshot.dpus() < options.dpus()) {
            view.show(snapshot.lines(), steps.elapsedSeconds());
            if (System.nanoTime() > deadline) {
                out.printf("sandbox: not Ready after %s; what is not Ready is above, logs are in %s%n",
                        options.timeout(), dir.logs());
                return 1;
            }
            TimeUnit.MILLISECONDS.sleep(REFRESH.toMillis());
            snapshot = board.snapshot();
        }
        view.show(snapshot.lines(), steps.elapsedSeconds());
        out.printf("sandbox Ready in %.0f s: %d DPUs%n", steps.elapsedSeconds(), snapshot.dpus());
        steps.run("a packet across the chain", sandbox.dataPlane()::probe);
        new LookAround(dir).print(out);
        return 0;
    }
}
