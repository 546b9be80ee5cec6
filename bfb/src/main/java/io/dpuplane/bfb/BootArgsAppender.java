package io.dpuplane.bfb;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * Appends a bf.cfg to a boot stream as it flows to a device, the way {@code mlx-mkbfb --boot-args-v0}
 * embeds one: every header passing through announces the boot-args image (id 59) among the images that
 * follow it, and the boot-args image is written after the last image. Streams; never holds an image.
 * The stream itself must be validated separately (this class only follows its header chain).
 */
public final class BootArgsAppender extends FilterOutputStream {

    private static final int ID = ImageType.BOOT_ARGS.id();

    private final byte[] bfCfg;
    private final byte[] header = new byte[ImageHeader.MAX_LENGTH];
    private int headerFill;
    private int headerLength = ImageHeader.LENGTH;
    private long remaining;
    private boolean inImage;
    private boolean last;
    private boolean ended;
    private boolean closed;

    public BootArgsAppender(OutputStream out, byte[] bfCfg) {
        super(out);
        this.bfCfg = bfCfg.clone();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (ended) {
                out.write(buffer, at, end - at);
                return;
            }
            if (inImage) {
                int take = (int) Math.min(end - at, remaining);
                out.write(buffer, at, take);
                at += take;
                remaining -= take;
                if (remaining == 0) {
                    inImage = false;
                    ended = last;
                }
            } else {
                at += headerBytes(buffer, at, end - at);
            }
        }
    }

    private int headerBytes(byte[] buffer, int at, int available) throws IOException {
        int take = Math.min(available, headerLength - headerFill);
        System.arraycopy(buffer, at, header, headerFill, take);
        headerFill += take;
        if (headerFill >= Long.BYTES && headerLength == ImageHeader.LENGTH) {
            int words = ImageHeader.words(ImageHeader.word(header, 0));
            headerLength = Math.max(ImageHeader.LENGTH, Math.min(words, 15) * Long.BYTES);
        }
        if (headerFill == headerLength) {
            ImageHeader parsed = ImageHeader.parse(header);
            long following = parsed.followingImages();
            long announced = following | ImageHeader.bit(ID);
            byte[] rewritten = header.clone();
            for (int i = 0; i < Long.BYTES; i++) {
                rewritten[16 + i] = (byte) (announced >>> (8 * i));
            }
            out.write(rewritten, 0, headerLength);
            remaining = parsed.paddedLength();
            inImage = remaining > 0;
            last = following == 0;
            ended = last && !inImage;
            headerFill = 0;
            headerLength = ImageHeader.LENGTH;
        }
        return take;
    }

    /** Writes the boot-args image after the stream's last image, then closes. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (ended) {
            CRC32 crc = new CRC32();
            crc.update(bfCfg);
            byte[] padding = new byte[ImageHeader.padding(bfCfg.length)];
            crc.update(padding);
            out.write(ImageHeader.of(ID, bfCfg.length, crc.getValue(), 0).toBytes());
            out.write(bfCfg);
            out.write(padding);
        }
        super.close();
    }
}
