package io.dpuplane.bfb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/** Test streams: written ones as bytes, headers made by hand, and feeding bytes in chunks. */
final class Streams {

    static final long MAGIC_WORD = 0x13026642L | 1L << 32 | 2L << 36 | 3L << 52;

    private Streams() {
    }

    static byte[] bytes(BootStreamWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Feeds {@code bytes} to a new validator {@code chunk} bytes at a time. */
    static BootStreamReport validate(byte[] bytes, int chunk) throws BootStreamException {
        BootStreamValidator validator = new BootStreamValidator();
        for (int at = 0; at < bytes.length; at += chunk) {
            validator.update(bytes, at, Math.min(chunk, bytes.length - at));
        }
        return validator.finish();
    }

    /** A header of three little-endian words, exactly as given. */
    static byte[] header(long word0, long word1, long word2) {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(word0).putLong(word1).putLong(word2)
                .array();
    }

    static long word0(int id) {
        return MAGIC_WORD | (long) id << 56;
    }

    /** Word 1 for this data: its length and its CRC-32 with the padding. */
    static long word1(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        crc.update(new byte[(8 - data.length % 8) % 8]);
        return data.length | crc.getValue() << 32;
    }

    /** The little-endian word at {@code at}. */
    static long word(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes, at, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static byte[] padded(byte[] data) {
        byte[] padded = new byte[(data.length + 7) / 8 * 8];
        System.arraycopy(data, 0, padded, 0, data.length);
        return padded;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
