package io.dpuplane.testkit.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a host command to completion with a timeout and returns what it printed. */
public final class Command {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Command() {
    }

    /** The outcome of one command. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** This result, or an exception quoting the command and what it printed on stderr. */
        public Result orThrow() {
            if (!succeeded()) {
                throw new CommandFailedException(this);
            }
            return this;
        }
    }

    /** A command that exited non-zero. */
    public static final class CommandFailedException extends RuntimeException {
        private final transient Result result;

        CommandFailedException(Result result) {
            super("`" + String.join(" ", result.command()) + "` exited " + result.exitCode() + ": "
                    + (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip());
            this.result = result;
        }

        public Result result() {
            return result;
        }
    }

    /** Runs a command, failing when it exits non-zero. */
    public static Result run(String... command) {
        return exec(List.of(command), Map.of(), DEFAULT_TIMEOUT).orThrow();
    }

    /** Runs a command and returns its result whatever its exit code. */
    public static Result exec(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            Path out = Files.createTempFile("cmd", ".out");
            Path err = Files.createTempFile("cmd", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("`" + String.join(" ", command) + "` did not finish within " + timeout);
                }
                return new Result(List.copyOf(command), process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}
