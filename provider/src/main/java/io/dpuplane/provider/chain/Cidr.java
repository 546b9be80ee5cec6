package io.dpuplane.provider.chain;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A CIDR as numbers: enough to check a pool's blocks and whether two pools overlap ({@code network} is
 * false when host bits are set, e.g. 10.0.0.5/16).
 */
record Cidr(String text, BigInteger first, int bits, int prefix, boolean network) {

    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    /** Parses {@code address/prefix} or a single address (a /32 or /128); throws {@link BadInput} saying what is wrong. */
    static Cidr parse(String text, String what) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length < 1 || parts.length > 2 || !(IPV4.matcher(parts[0]).matches() || parts[0].contains(":"))) {
            throw new BadInput(what + " " + text + " is not an IP address or CIDR");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(parts[0]).getAddress();
        } catch (UnknownHostException e) {
            throw new BadInput(what + " " + text + " is not an IP address or CIDR");
        }
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
        } catch (NumberFormatException e) {
            throw new BadInput(what + " " + text + " has no valid prefix length");
        }
        if (prefix < 0 || prefix > bits) {
            throw new BadInput(what + " " + text + " has a prefix length outside 0.." + bits);
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger mask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        return new Cidr(text, value.andNot(mask), bits, prefix, value.and(mask).signum() == 0);
    }

    BigInteger last() {
        return first.add(BigInteger.ONE.shiftLeft(bits - prefix)).subtract(BigInteger.ONE);
    }

    boolean overlaps(Cidr other) {
        return bits == other.bits && first.compareTo(other.last()) <= 0 && other.first.compareTo(last()) <= 0;
    }

    boolean contains(Cidr other) {
        return bits == other.bits && first.compareTo(other.first) <= 0 && other.last().compareTo(last()) <= 0;
    }

    /** How many blocks of a prefix length the CIDR holds. */
    BigInteger blocks(int blockPrefix) {
        return BigInteger.ONE.shiftLeft(blockPrefix - prefix);
    }
}
