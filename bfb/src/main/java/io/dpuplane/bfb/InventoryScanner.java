package io.dpuplane.bfb;

import java.util.Optional;

/**
 * Finds the Redfish SoftwareInventory a BFB embeds, the way DPF does: from the printable run holding
 * {@code "This JSON represents"} to the one holding {@code "Members@odata.count":}. The first inventory that
 * parses wins; after it, scanning costs nothing. Until the marker, nothing is kept but a short tail; after it,
 * at most {@link InventoryText#WINDOW} bytes.
 */
final class InventoryScanner {

    private static final int TAIL = 4096;

    private final PrintableTail tail = new PrintableTail(TAIL);
    private InventoryText text;
    private BfbVersions versions;

    /** A new image begins: its bytes do not continue the previous image's line. */
    void startImage() {
        tail.clear();
        if (text != null) {
            endRun();
        }
    }

    void scan(byte[] buffer, int from, int length) {
        int at = from;
        int end = from + length;
        while (versions == null && at < end) {
            if (text == null) {
                at = findMarker(buffer, at, end);
                if (text == null) {
                    return;
                }
            }
            at = collect(buffer, at, end);
        }
    }

    Optional<BfbVersions> finish() {
        if (text != null) {
            endRun();
        }
        return Optional.ofNullable(versions);
    }

    /** Starts collecting at the marker's line and returns where to continue, or remembers the tail and ends. */
    private int findMarker(byte[] buffer, int from, int end) {
        if (!tail.isEmpty() && PrintableTail.printable(buffer[from]) && tail.completesMarker(buffer, from, end)) {
            text = new InventoryText();
            tail.copyTo(text);
            tail.clear();
            return from;
        }
        int found = InventoryMarker.indexOf(buffer, from, end);
        if (found < 0) {
            tail.remember(buffer, from, end);
            return end;
        }
        int lineStart = found;
        while (lineStart > from && PrintableTail.printable(buffer[lineStart - 1])) {
            lineStart--;
        }
        text = new InventoryText();
        if (lineStart == from) {
            tail.copyTo(text);
        }
        text.append(buffer, lineStart, found - lineStart);
        tail.clear();
        return found;
    }

    private int collect(byte[] buffer, int from, int end) {
        for (int i = from; i < end; i++) {
            if (text.exhausted()) {
                text = null;
                return i;
            }
            byte b = buffer[i];
            if (PrintableTail.printable(b)) {
                text.append(b);
            } else if (endRun()) {
                return i + 1;
            }
        }
        return end;
    }

    /** True when the collection is over: the inventory parsed, or it did not and the search resumes. */
    private boolean endRun() {
        if (!text.endRun()) {
            return false;
        }
        versions = SoftwareInventory.parse(text.lines()).orElse(null);
        text = null;
        return true;
    }
}
