package io.dpuplane.agent.dpu.flow;

import java.nio.charset.StandardCharsets;

/**
 * The OpenFlow cookie of a chain's flows: FNV-1a-64 of {@code <namespace>/<name>}, as DPF computes it, so it
 * is the same on every node and after every restart. The two values OpenFlow gives a meaning (0, the
 * default cookie, and all ones, "any") are never used.
 */
public final class ChainCookie {

    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private ChainCookie() {
    }

    public static long of(String namespace, String name) {
        long hash = OFFSET_BASIS;
        for (byte b : (namespace + "/" + name).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash == 0 || hash == -1 ? hash ^ 1 : hash;
    }

    /** The cookie as ovs-ofctl and the ServiceChain status print it, e.g. {@code 0x9c1f2a6b3d4e5f60}. */
    public static String hex(long cookie) {
        return String.format("0x%016x", cookie);
    }
}
