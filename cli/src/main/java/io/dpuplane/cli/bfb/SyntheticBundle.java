package io.dpuplane.cli.bfb;

import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootStreamWriter;
import io.dpuplane.bfb.DocaVersion;
import io.dpuplane.bfb.ImageType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images of a synthetic bf-bundle, in the order mlx-mkbfb writes them: BL2, BL31 and BL33 (UEFI) of
 * realistic sizes, the SoftwareInventory, the bf.cfg when given, a kernel, and an initramfs that makes up the
 * size asked for. The firmware is filler: structurally real, it boots nothing.
 */
public final class SyntheticBundle {

    private static final long BL2 = 45_061;
    private static final long BL31 = 163_847;
    private static final long BL33 = 1_048_583;
    private static final long KERNEL = 2_097_169;
    private static final long HEADER = 24;
    private static final long MAX_IMAGE = 0xFFFF_FFFFL;
    private static final Pattern MAJOR_MINOR_PATCH = Pattern.compile("(\\d{1,6})(\\.\\d+\\.\\d+)");

    private SyntheticBundle() {
    }

    /** A writer for a stream of {@code size} bytes, rounded up to a multiple of 8 as every stream is. */
    static BootStreamWriter writer(BfbVersions versions, long size, String bfCfg) {
        BootStreamWriter writer = BootStreamWriter.create()
                .image(ImageType.BL2.id(), BL2)
                .image(ImageType.BL31.id(), BL31)
                .image(ImageType.BL33.id(), BL33)
                .versions(versions);
        if (bfCfg != null) {
            writer.bfCfg(bfCfg);
        }
        writer.image(ImageType.IMAGE.id(), KERNEL);
        long initramfs = size - writer.size() - HEADER;
        if (initramfs < 0) {
            throw new IllegalArgumentException("a size of " + size + " bytes is too small: the firmware, inventory"
                    + " and kernel alone take " + (writer.size() + HEADER) + " bytes");
        }
        if (initramfs > MAX_IMAGE) {
            throw new IllegalArgumentException("a size of " + size + " bytes is too large: the initramfs would be "
                    + initramfs + " bytes, and an image is at most " + MAX_IMAGE);
        }
        return writer.image(ImageType.INITRAMFS.id(), initramfs);
    }

    /** A whole synthetic BFB of about {@code size} bytes for a DOCA release, as {@code dpuplane bfb build} writes it. */
    public static byte[] bytes(String doca, long size) {
        String bsp = bspFor(doca);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) Math.min(size + 64, Integer.MAX_VALUE));
        try {
            writer(new BfbVersions(bsp, bsp, bsp, doca), size, null).writeTo(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The BSP release that goes with a DOCA release: DOCA 2.9.1 comes with BSP 4.9.1; null when unparseable. */
    static String bspFor(String doca) {
        Matcher release = MAJOR_MINOR_PATCH.matcher(DocaVersion.normalize(doca));
        return release.matches() ? (Integer.parseInt(release.group(1)) + 2) + release.group(2) : null;
    }
}
