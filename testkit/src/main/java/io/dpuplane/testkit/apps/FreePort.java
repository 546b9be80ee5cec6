package io.dpuplane.testkit.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP port nothing listens on right now, for a process that must be told its port. Chosen below the kernel's
 * ephemeral range (32768-60999 on Linux), so no outgoing connection takes it between this check and the
 * process's bind (a benchmark with thousands of connections saw an agent fail on "Address already in use"),
 * and never handed out twice by this JVM.
 */
public final class FreePort {

    private static final int LOWEST = 10_000;
    private static final int BELOW_EPHEMERAL = 32_768;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    public static int pick() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, BELOW_EPHEMERAL);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free TCP port between " + LOWEST + " and "
                + BELOW_EPHEMERAL));
    }

    /** Nothing listens on the port, on any address (a listener on loopback only also makes the bind fail). */
    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress((InetAddress) null, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
