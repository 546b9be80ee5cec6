package io.dpuplane.bfb;

/**
 * The versions of the components a BFB installs. A component is {@code null} when the BFB does not say.
 *
 * @param atf  ARM Trusted Firmware (inventory member {@code BF3_ATF} or {@code BF2_ATF})
 * @param uefi UEFI ({@code BF3_UEFI})
 * @param bsp  the board support package ({@code BF3_BSP})
 * @param doca the DOCA release as major.minor.patch ({@code DOCA}, or the file name)
 */
public record BfbVersions(String atf, String uefi, String bsp, String doca) {

    private static final BfbVersions EMPTY = new BfbVersions(null, null, null, null);

    public static BfbVersions empty() {
        return EMPTY;
    }

    /** Only the DOCA version known, e.g. from the file name. */
    public static BfbVersions ofDoca(String doca) {
        return new BfbVersions(null, null, null, doca);
    }

    /** These versions, with each unknown component taken from {@code fallback}. */
    public BfbVersions merge(BfbVersions fallback) {
        return new BfbVersions(either(atf, fallback.atf), either(uefi, fallback.uefi), either(bsp, fallback.bsp),
                either(doca, fallback.doca));
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }

    private static String either(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
