package io.dpuplane.bfb;

import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * An image of deterministic pseudo-random bytes: one block of at most 1 MiB from a seeded generator, repeated
 * up to the length. Streamed, so a multi-GiB image costs one block of memory; its CRC takes one pass over the
 * length, done once.
 */
final class FillerImage implements ImageSource {

    private static final int BLOCK = 1 << 20;

    private final int id;
    private final long length;
    private final long seed;
    private long crc = -1;

    FillerImage(int id, long length, long seed) {
        this.id = id;
        this.length = length;
        this.seed = seed;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long crc() {
        if (crc < 0) {
            CRC32 checksum = new CRC32();
            byte[] block = block();
            for (long left = length; left > 0; left -= block.length) {
                checksum.update(block, 0, (int) Math.min(left, block.length));
            }
            checksum.update(new byte[ImageHeader.padding(length)]);
            crc = checksum.getValue();
        }
        return crc;
    }

    @Override
    public void writeData(OutputStream out) throws IOException {
        byte[] block = block();
        for (long left = length; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(left, block.length));
        }
    }

    private byte[] block() {
        byte[] block = new byte[(int) Math.min(length, BLOCK)];
        new SplittableRandom(seed).nextBytes(block);
        return block;
    }
}
