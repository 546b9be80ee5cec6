package io.dpuplane.bfb;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds boot streams with the real structure, for the emulator, tests and demos: images in the order they are
 * added, each behind a header as mlx-mkbfb writes it (major 1, minor 2, three words, CRC-32 over data and
 * padding, the bitmap of the ids that follow). Large images are generated while writing, never held in memory.
 * Not thread-safe.
 */
public final class BootStreamWriter {

    /** Image ids go in eight bits. */
    private static final int MAX_ID = 0xFF;
    /** Image lengths go in 32 bits. */
    private static final long MAX_LENGTH = 0xFFFF_FFFFL;

    private final List<ImageSource> images = new ArrayList<>();

    private BootStreamWriter() {
    }

    public static BootStreamWriter create() {
        return new BootStreamWriter();
    }

    /** Adds an image with these bytes (copied). Ids from 64 on cannot appear in a following-images bitmap. */
    public BootStreamWriter image(int id, byte[] data) {
        images.add(new InlineImage(checkId(id), data));
        return this;
    }

    /** Adds an image of {@code size} deterministic pseudo-random bytes, generated while writing. */
    public BootStreamWriter image(int id, long size) {
        if (size < 0 || size > MAX_LENGTH) {
            throw new IllegalArgumentException("an image is 0 to " + MAX_LENGTH + " bytes long, not " + size);
        }
        long seed = (long) checkId(id) << 32 | images.size();
        images.add(new FillerImage(id, size, seed));
        return this;
    }

    /**
     * Adds the Redfish SoftwareInventory text naming these versions, as its own image with id 57
     * ({@link ImageType#BOOT_DESC}, an id every mlx-mkbfb knows, so that tools which repack a BFB accept it).
     */
    public BootStreamWriter versions(BfbVersions versions) {
        byte[] text = SoftwareInventory.render(versions).getBytes(StandardCharsets.US_ASCII);
        return image(ImageType.BOOT_DESC.id(), text);
    }

    /** Adds a bf.cfg as image id 59 ({@link ImageType#BOOT_ARGS}), where {@code mlx-mkbfb --boot-args-v0} puts it. */
    public BootStreamWriter bfCfg(String bfCfg) {
        return image(ImageType.BOOT_ARGS.id(), bfCfg.getBytes(StandardCharsets.UTF_8));
    }

    /** The number of bytes {@link #writeTo(OutputStream)} writes. */
    public long size() {
        long size = 0;
        for (ImageSource image : images) {
            size += ImageHeader.LENGTH + image.length() + ImageHeader.padding(image.length());
        }
        return size;
    }

    public void writeTo(OutputStream out) throws IOException {
        if (images.isEmpty()) {
            throw new IllegalStateException("a boot stream has at least one image");
        }
        long[] following = new long[images.size()];
        long after = 0;
        for (int k = images.size() - 1; k >= 0; k--) {
            following[k] = after;
            after |= ImageHeader.bit(images.get(k).id());
        }
        byte[] zeros = new byte[Long.BYTES];
        for (int k = 0; k < images.size(); k++) {
            ImageSource image = images.get(k);
            out.write(ImageHeader.of(image.id(), image.length(), image.crc(), following[k]).toBytes());
            image.writeData(out);
            out.write(zeros, 0, ImageHeader.padding(image.length()));
        }
        out.flush();
    }

    public void writeTo(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeTo(out);
        }
    }

    private static int checkId(int id) {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("an image id is 0 to " + MAX_ID + ", not " + id);
        }
        return id;
    }
}
