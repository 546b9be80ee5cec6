package io.dpuplane.bfb;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The image ids a boot stream uses, with mlx-mkbfb's names for them. The ATF ids are ARM Trusted Firmware's
 * ({@code tbbr_img_def.h}); the UEFI ones are NVIDIA's ({@code BfbFs.c}). Listed in the order mlx-mkbfb writes
 * them.
 */
public enum ImageType {
    PSC_BL(36, "psc-bl"),
    PSC_FW(37, "psc-fw"),
    BL2R_CERT(31, "bl2r-cert"),
    BL2R(30, "bl2r"),
    BL2_CERT(6, "bl2-cert"),
    BL2(1, "bl2"),
    SYS(29, "sys"),
    DDR_CERT(38, "ddr-cert"),
    DDR_INI(32, "ddr_ini"),
    SNPS_IMAGES(33, "snps_images"),
    DDR5_SNPS_IMAGES(40, "ddr5_snps_images"),
    DDR_ATE_IMEM(34, "ddr_ate_imem"),
    DDR_ATE_DMEM(35, "ddr_ate_dmem"),
    BL30_KEY_CERT(8, "bl30-key-cert"),
    BL30_CERT(12, "bl30-cert"),
    BL30(2, "bl30"),
    PSC_CERTS(53, "psc-certs"),
    PSC_APP(39, "psc-app"),
    TRUSTED_KEY_CERT(7, "trusted-key-cert"),
    BL31_KEY_CERT(9, "bl31-key-cert"),
    BL31_CERT(13, "bl31-cert"),
    BL31(3, "bl31"),
    BL32_KEY_CERT(10, "bl32-key-cert"),
    BL32_CERT(14, "bl32-cert"),
    BL32(4, "bl32"),
    BL33_KEY_CERT(11, "bl33-key-cert"),
    BL33_CERT(15, "bl33-cert"),
    /** UEFI. */
    BL33(5, "bl33"),
    CAPSULE(52, "capsule"),
    BOOT_ACPI(55, "boot-acpi"),
    BOOT_DTB(56, "boot-dtb"),
    /** The default boot menu description; {@link BootStreamWriter#versions} puts its inventory here. */
    BOOT_DESC(57, "boot-desc"),
    BOOT_PATH(58, "boot-path"),
    /** Arguments for the boot image; where {@code mlx-mkbfb --boot-args-v0} puts a bf.cfg. */
    BOOT_ARGS(59, "boot-args"),
    BOOT_TIMEOUT(60, "boot-timeout"),
    UEFI_TESTS(61, "uefi-tests"),
    DUMMY(41, "dummy"),
    RAMDISK(54, "ramdisk"),
    /** The kernel. */
    IMAGE(62, "image"),
    INITRAMFS(63, "initramfs");

    private static final Map<Integer, ImageType> BY_ID = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ImageType::id, Function.identity()));

    private final int id;
    private final String mkbfbName;

    ImageType(int id, String mkbfbName) {
        this.id = id;
        this.mkbfbName = mkbfbName;
    }

    public int id() {
        return id;
    }

    /** The name mlx-mkbfb gives the image: its option {@code --<name>} and its extracted file. */
    public String mkbfbName() {
        return mkbfbName;
    }

    public static Optional<ImageType> of(int id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The mlx-mkbfb name of an id, or {@code id-<n>} for one it does not know. */
    public static String nameOf(int id) {
        return of(id).map(ImageType::mkbfbName).orElse("id-" + id);
    }
}
