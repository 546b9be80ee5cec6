package io.dpuplane.bfb;

/**
 * One image header as {@code bluefield_boot.h} lays it out: three little-endian 64-bit words.
 * <ul>
 * <li>word 0: magic (bits 0-31), major (32-35), minor (36-39), reserved (40-51; some tools keep image versions
 * there, readers ignore them), header length in words (52-55), image id (56-63);</li>
 * <li>word 1: image length without padding (0-31), CRC-32 over data and padding (32-63);</li>
 * <li>word 2: the bitmap of the ids of the images that follow.</li>
 * </ul>
 * A header longer than three words carries words this reader does not know; they are skipped.
 */
record ImageHeader(int major, int minor, int words, int imageId, long imageLength, long imageCrc,
        long followingImages) {

    static final int MAGIC = 0x13026642;
    static final int MAJOR = 1;
    /** The minor version mlx-mkbfb writes. */
    static final int MINOR = 2;
    static final int WORDS = 3;
    static final int LENGTH = WORDS * Long.BYTES;
    /** The header length field has four bits. */
    static final int MAX_LENGTH = 15 * Long.BYTES;

    static ImageHeader of(int imageId, long imageLength, long imageCrc, long followingImages) {
        return new ImageHeader(MAJOR, MINOR, WORDS, imageId, imageLength, imageCrc, followingImages);
    }

    /** Reads a complete header; the caller has checked magic, major and length. */
    static ImageHeader parse(byte[] bytes) {
        long word0 = word(bytes, 0);
        long word1 = word(bytes, 8);
        return new ImageHeader(major(word0), (int) (word0 >>> 36) & 0xF, words(word0), (int) (word0 >>> 56),
                word1 & 0xFFFF_FFFFL, word1 >>> 32, word(bytes, 16));
    }

    static int magic(byte[] bytes) {
        return (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16 | (bytes[3] & 0xFF) << 24;
    }

    static int major(long word0) {
        return (int) (word0 >>> 32) & 0xF;
    }

    static int words(long word0) {
        return (int) (word0 >>> 52) & 0xF;
    }

    static long word(byte[] bytes, int at) {
        long value = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            value = value << 8 | (bytes[at + i] & 0xFF);
        }
        return value;
    }

    /** The bit of an id in a following-images bitmap; ids from 64 on have none. */
    static long bit(int imageId) {
        return imageId < Long.SIZE ? 1L << imageId : 0;
    }

    /** Zero bytes after an image of this length, up to the next multiple of 8. */
    static int padding(long imageLength) {
        return (int) (-imageLength & 7);
    }

    long paddedLength() {
        return imageLength + padding(imageLength);
    }

    byte[] toBytes() {
        long word0 = (MAGIC & 0xFFFF_FFFFL) | (long) major << 32 | (long) minor << 36 | (long) words << 52
                | (long) imageId << 56;
        long word1 = imageLength | imageCrc << 32;
        byte[] bytes = new byte[words * Long.BYTES];
        put(bytes, 0, word0);
        put(bytes, 8, word1);
        put(bytes, 16, followingImages);
        return bytes;
    }

    private static void put(byte[] bytes, int at, long word) {
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[at + i] = (byte) (word >>> (8 * i));
        }
    }
}
