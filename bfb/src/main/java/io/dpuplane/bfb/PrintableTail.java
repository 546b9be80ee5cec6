package io.dpuplane.bfb;

/**
 * The run of printable ASCII at the end of what the inventory scan has seen so far, kept across chunks (up to
 * a cap): a marker split between two chunks is in it, and so is the start of the line a marker is on.
 */
final class PrintableTail {

    private final int capacity;
    private final byte[] bytes;
    private int start;
    private int end;

    PrintableTail(int capacity) {
        this.capacity = capacity;
        this.bytes = new byte[2 * capacity];
    }

    static boolean printable(byte b) {
        return b >= 0x20 && b < 0x7F;
    }

    void clear() {
        start = 0;
        end = 0;
    }

    boolean isEmpty() {
        return start == end;
    }

    int length() {
        return end - start;
    }

    /** Takes in {@code buffer[from, to)}: its final printable run continues this one if the range is all printable. */
    void remember(byte[] buffer, int from, int to) {
        int floor = Math.max(from, to - capacity);
        int runStart = to;
        while (runStart > floor && printable(buffer[runStart - 1])) {
            runStart--;
        }
        if (runStart != from) {
            clear();
        }
        append(buffer, runStart, to - runStart);
    }

    /**
     * Whether the inventory marker begins in this tail and ends in {@code buffer[from, to)}: looks only at the
     * last 19 bytes of the tail and as many at the start of the buffer.
     */
    boolean completesMarker(byte[] buffer, int from, int to) {
        int fromTail = Math.min(length(), InventoryMarker.LENGTH - 1);
        int fromBuffer = Math.min(to - from, InventoryMarker.LENGTH - 1);
        byte[] window = new byte[fromTail + fromBuffer];
        System.arraycopy(bytes, end - fromTail, window, 0, fromTail);
        System.arraycopy(buffer, from, window, fromTail, fromBuffer);
        return InventoryMarker.indexOfSlowly(window, 0, window.length) >= 0;
    }

    void copyTo(InventoryText text) {
        text.append(bytes, start, length());
    }

    private void append(byte[] source, int from, int length) {
        if (length >= capacity) {
            System.arraycopy(source, from + length - capacity, bytes, 0, capacity);
            start = 0;
            end = capacity;
            return;
        }
        int overflow = length() + length - capacity;
        if (overflow > 0) {
            start += overflow;
        }
        if (end + length > bytes.length) {
            int kept = length();
            System.arraycopy(bytes, start, bytes, 0, kept);
            start = 0;
            end = kept;
        }
        System.arraycopy(source, from, bytes, end, length);
        end += length;
    }
}
