package io.dpuplane.testkit.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A child process we started (one of our apps, Crossplane core, a registry) with its output in a log file.
 * Starting waits until it is ready and fails with the end of its log when it exits or never becomes ready;
 * closing stops it (SIGTERM, then SIGKILL after a grace period). It also stops when the JVM exits.
 */
public final class RunningProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread stopOnExit;

    private RunningProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopOnExit = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts a command with extra environment variables, its stdout and stderr appended to {@code log}. */
    public static RunningProcess start(String name, List<String> command, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            return new RunningProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** Waits until the readiness check passes; fails (and stops the process) if it exits or time runs out. */
    public RunningProcess awaitReady(Readiness readiness, Duration timeout) {
        long started = System.nanoTime();
        try {
            Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with " + process.exitValue()
                                    + " before it was ready; end of " + log + ":\n" + logTail());
                        }
                        return readiness.ready();
                    });
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException(name + " was not ready within " + timeout + " (waited for "
                    + readiness.describe() + "); end of " + log + ":\n" + logTail(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        System.out.printf("[testkit] %s ready in %d ms (log %s)%n", name,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), log);
        return this;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the log, for a failure message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
