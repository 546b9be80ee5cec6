package io.dpuplane.bfb;

/**
 * The inventory lines collected after the marker, as DPF and {@code strings} read them: runs of at least four
 * printable ASCII characters, trimmed, one per line, up to the run that holds {@code "Members@odata.count":}.
 * A later run holding the marker starts the text afresh, so a stray mention of it does not hide the inventory.
 * Bounded: it gives up after {@link #WINDOW} bytes.
 */
final class InventoryText {

    /** How many bytes after the marker may go by before the inventory is given up on. */
    static final int WINDOW = 1 << 20;
    static final String END = "\"Members@odata.count\":";
    private static final int SHORTEST_RUN = 4;

    private final StringBuilder lines = new StringBuilder();
    private final StringBuilder run = new StringBuilder();
    private int consumed;

    void append(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            run.append((char) bytes[i]);
        }
        consumed += length;
    }

    void append(byte printable) {
        run.append((char) printable);
        consumed++;
    }

    boolean exhausted() {
        return consumed >= WINDOW;
    }

    /** Ends the current run at a non-printable byte or an image boundary; true when it was the last line. */
    boolean endRun() {
        consumed++;
        boolean last = false;
        if (run.length() >= SHORTEST_RUN) {
            String line = run.toString().strip();
            if (line.contains(InventoryMarker.TEXT)) {
                lines.setLength(0);
                consumed = line.length();
            }
            lines.append(line).append('\n');
            last = line.contains(END);
        }
        run.setLength(0);
        return last;
    }

    String lines() {
        return lines.toString();
    }
}
