package io.dpuplane.functions.dpuset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Stable names for the DPUs of a set: the same card always gets the same composition-resource-name and
 * object name, whatever else is in the set, so a DPU is never replaced because its neighbours changed.
 * Names are DNS-1123 labels (at most 63 characters); a name that had to be shortened or had characters
 * replaced ends in a hash of the original, so two cards never share one.
 */
public final class DpuNames {

    static final int MAX_LENGTH = 63;
    private static final int HASH_LENGTH = 8;

    private DpuNames() {
    }

    /** The composition-resource-name of the DPU for a card: {@code dpu-<node>-<pci>}. */
    static String key(String node, String pciAddress) {
        return label("dpu-" + node + "-" + pciShort(pciAddress));
    }

    /** The object name of the DPU for a card: {@code <dpuset>-<node>-<pci>}. */
    static String name(String dpuSet, String node, String pciAddress) {
        return label(dpuSet + "-" + node + "-" + pciShort(pciAddress));
    }

    /** {@code 0000:03:00.0} becomes {@code 03-00-0}; a non-zero PCI domain is kept. */
    static String pciShort(String pciAddress) {
        String address = pciAddress.startsWith("0000:") ? pciAddress.substring(5) : pciAddress;
        return address.replace(':', '-').replace('.', '-');
    }

    /** A DNS-1123 label for any text, deterministic, with a hash suffix where the text had to change. */
    public static String label(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() <= MAX_LENGTH && isLabel(lower)) {
            return lower;
        }
        char[] chars = lower.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (!isLabelChar(chars[i])) {
                chars[i] = '-';
            }
        }
        String clean = trimDashes(new String(chars));
        String prefix = trimDashes(clean.substring(0, Math.min(clean.length(), MAX_LENGTH - HASH_LENGTH - 1)));
        return prefix.isEmpty() ? hash(text) : prefix + "-" + hash(text);
    }

    private static boolean isLabel(String text) {
        if (text.isEmpty() || text.charAt(0) == '-' || text.charAt(text.length() - 1) == '-') {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isLabelChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLabelChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
    }

    private static String trimDashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
