package io.dpuplane.cli.sandbox;

import java.io.PrintWriter;
import java.util.function.Supplier;

/** Prints each start-up step as it happens, with how long it took, and names the step that failed. */
final class Steps {

    /** A step that failed; its message names the step and the cause. */
    static final class StepFailedException extends RuntimeException {
        StepFailedException(String step, Throwable cause) {
            super(step + " failed: " + cause.getMessage(), cause);
        }
    }

    private static final int MAX_LINES = 12;

    private final PrintWriter out;
    private final long started = System.nanoTime();

    Steps(PrintWriter out) {
        this.out = out;
    }

    void run(String step, Runnable action) {
        run(step, () -> {
            action.run();
            return "";
        });
    }

    /** Runs a step whose result is a short detail printed after its name. */
    String run(String step, Supplier<String> action) {
        out.printf("[%6.1fs] %s ...%n", seconds(started), step);
        out.flush();
        long begun = System.nanoTime();
        try {
            String detail = action.get();
            out.printf("[%6.1fs] ✓ %s%s (%.1f s)%n", seconds(started), step, detail.isEmpty() ? "" : ": " + detail,
                    seconds(begun));
            out.flush();
            return detail;
        } catch (RuntimeException e) {
            out.printf("[%6.1fs] ✗ %s: %s%n", seconds(started), step, lastLines(e.getMessage()));
            out.flush();
            throw new StepFailedException(step, e);
        }
    }

    /** A failure's message, cut to its last lines: a process's log tail can be long. */
    private static String lastLines(String message) {
        String[] lines = String.valueOf(message).split("\n");
        return lines.length <= MAX_LINES ? String.valueOf(message)
                : lines[0] + "\n  ...\n" + String.join("\n", java.util.Arrays.copyOfRange(lines, lines.length - MAX_LINES,
                        lines.length));
    }

    /** A line about progress inside the current step. */
    void note(String text) {
        out.printf("[%6.1fs]     %s%n", seconds(started), text);
        out.flush();
    }

    double elapsedSeconds() {
        return seconds(started);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
