package io.dpuplane.testkit.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.testkit.os.NetworkNamespace;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Proves the OVS fixture switches real packets between network namespaces, and obeys OpenFlow. */
class PrivateOpenVSwitchTest {

    @Test
    void pingCrossesTheBridgeUntilADropFlowIsAdded() {
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        String bridge = "tbr" + id;
        String left = "tl" + id;
        String right = "tr" + id;
        try (PrivateOpenVSwitch ovs = PrivateOpenVSwitch.start();
                NetworkNamespace a = NetworkNamespace.create("pod-a");
                NetworkNamespace b = NetworkNamespace.create("pod-b")) {
            ovs.addBridge(bridge);
            ovs.addInternalPort(bridge, left);
            ovs.addInternalPort(bridge, right);
            a.adopt(left, "198.18.0.1/24");
            b.adopt(right, "198.18.0.2/24");

            assertThat(a.pings("198.18.0.2", 3)).as("ping a -> b through %s", bridge).isTrue();

            ovs.ofctl("add-flow", bridge, "priority=100,ip,nw_dst=198.18.0.2,actions=drop");
            assertThat(a.pings("198.18.0.2", 2)).as("ping a -> b after the drop flow").isFalse();
            assertThat(ovs.ofctl("dump-flows", bridge)).contains("nw_dst=198.18.0.2").contains("n_packets=");
        }
    }
}
