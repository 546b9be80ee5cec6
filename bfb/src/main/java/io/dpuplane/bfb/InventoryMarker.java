package io.dpuplane.bfb;

import java.nio.charset.StandardCharsets;

/**
 * Finds {@code "This JSON represents"}, the first words of the inventory a BFB embeds, without looking at every
 * byte, so that scanning a multi-GiB image costs a small fraction of hashing it.
 *
 * <p>An occurrence of the 20-byte marker covers 19 consecutive byte pairs, so sampling one pair every 19 bytes
 * lands inside every occurrence. A sampled pair is looked up in the set of pairs the marker contains (a
 * 64 Ki-bit table); only a pair in that set, rare in binary data, leads to comparing bytes. The step is a
 * constant so that the JIT compiles the sampling loop tightly.
 */
final class InventoryMarker {

    static final String TEXT = "This JSON represents";
    static final byte[] BYTES = TEXT.getBytes(StandardCharsets.US_ASCII);
    static final int LENGTH = 20;
    private static final int STEP = LENGTH - 1;
    private static final long[] PAIRS = pairs();

    private InventoryMarker() {
    }

    /** The index of the first occurrence in {@code bytes[from, to)}, or -1. */
    static int indexOf(byte[] bytes, int from, int to) {
        if (to > Integer.MAX_VALUE - 2 * LENGTH) {
            return indexOfSlowly(bytes, from, to);
        }
        long[] table = PAIRS;
        int lastPair = to - 2;
        for (int i = from; i <= lastPair; i += STEP) {
            int pair = pair(bytes, i);
            if ((table[pair >>> 6] & 1L << pair) != 0) {
                int found = occurrenceThrough(bytes, from, to, i, pair);
                if (found >= 0) {
                    return found;
                }
            }
        }
        return -1;
    }

    /** Compares at every position: for small ranges, such as the bytes around a chunk boundary. */
    static int indexOfSlowly(byte[] bytes, int from, int to) {
        for (int start = from; start <= to - LENGTH; start++) {
            if (matchesAt(bytes, start)) {
                return start;
            }
        }
        return -1;
    }

    /** The earliest occurrence in {@code [from, to)} whose pairs include the one sampled at {@code at}. */
    private static int occurrenceThrough(byte[] bytes, int from, int to, int at, int pair) {
        for (int j = LENGTH - 2; j >= 0; j--) {
            int start = at - j;
            if (pair(BYTES, j) == pair && start >= from && start <= to - LENGTH && matchesAt(bytes, start)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean matchesAt(byte[] bytes, int start) {
        for (int k = 0; k < LENGTH; k++) {
            if (bytes[start + k] != BYTES[k]) {
                return false;
            }
        }
        return true;
    }

    private static int pair(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF);
    }

    private static long[] pairs() {
        if (BYTES.length != LENGTH) {
            throw new IllegalStateException("the marker is " + LENGTH + " bytes long");
        }
        long[] pairs = new long[(1 << 16) / Long.SIZE];
        for (int j = 0; j + 1 < LENGTH; j++) {
            int pair = pair(BYTES, j);
            pairs[pair >>> 6] |= 1L << pair;
        }
        return pairs;
    }
}
