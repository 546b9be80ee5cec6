package io.dpuplane.testkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void portsAreBelowTheEphemeralRangeNeverHandedOutTwiceAndFreeToListenOn() throws Exception {
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePort.pick();
            assertThat(port).isBetween(10_000, 32_767);
            assertThat(picked.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int port = FreePort.pick();
        try (ServerSocket listening = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(listening.getLocalPort()).isEqualTo(port);
        }
    }
}
