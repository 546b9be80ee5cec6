package io.dpuplane.cli.sandbox;

import java.io.PrintWriter;
import java.util.List;

/**
 * Shows the board: redrawn in place on a terminal, and on a log (CI, a pipe) printed again only when it
 * changed, so the log reads as a history of progress rather than a wall of repeats.
 */
final class LiveView {

    private final PrintWriter out;
    private final boolean terminal;
    private List<String> shown = List.of();

    LiveView(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(List<String> lines, double elapsedSeconds) {
        if (lines.equals(shown)) {
            return;
        }
        if (terminal && !shown.isEmpty()) {
            out.print("\033[" + (shown.size() + 1) + "A");
        }
        out.print(terminal ? "\033[2K" : "");
        out.printf("--- %.0f s ---%n", elapsedSeconds);
        for (String line : lines) {
            out.print(terminal ? "\033[2K" : "");
            out.println(line);
        }
        if (terminal) {
            for (int i = lines.size(); i < shown.size(); i++) {
                out.println("\033[2K");
            }
        }
        out.flush();
        shown = List.copyOf(lines);
    }
}
