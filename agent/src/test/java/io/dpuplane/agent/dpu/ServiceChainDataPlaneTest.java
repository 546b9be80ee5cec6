package io.dpuplane.agent.dpu;

import static io.dpuplane.agent.dpu.SfcTestBed.WAIT;
import static io.dpuplane.agent.dpu.SfcTestBed.service;
import static io.dpuplane.agent.dpu.SfcTestBed.si;
import static io.dpuplane.agent.dpu.SfcTestBed.sw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.sfc.v1alpha1.IPPool;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.testkit.os.NetworkNamespace;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real packets through a chain on real Open vSwitch (userspace datapath): pod A → firewall → uplink B, each a
 * network namespace. Pod A and the firewall are pods whose interfaces the CNI (this test) plugged; B is an
 * uplink the DPU's flavor created. The addresses come from the agent's IP pools; the firewall routes between
 * its two interfaces, each holding its pool's gateway address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceChainDataPlaneTest {

    private static final Pattern PING_SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");
    private static final int MAX_PACKETS_LOST_ON_UPDATE = 5;

    private SfcTestBed bed;
    private NetworkNamespace podA;
    private NetworkNamespace firewall;
    private NetworkNamespace uplinkB;
    private String fwIn;
    private String addressA;
    private String addressB;

    @BeforeAll
    void buildTheChain() {
        bed = new SfcTestBed();
        bed.startAgent();
        podA = NetworkNamespace.create("pod-a");
        firewall = NetworkNamespace.create("fw");
        uplinkB = NetworkNamespace.create("up-b");

        String portA = bed.portName("pa");
        fwIn = bed.portName("fi");
        String fwOut = bed.portName("fo");
        String portB = bed.portName("ub");
        bed.pod("app-a-0", "app-a");
        bed.pod("firewall-0", "firewall");
        bed.plug("app-a-0", "net1", portA);
        bed.plug("firewall-0", "in", fwIn);
        bed.plug("firewall-0", "out", fwOut);
        bed.uplink(portB);
        bed.podInterface("pod-a", "app-a", "net1");
        bed.physical("uplink-b", portB);
        bed.pool("left", "198.18.0.0/20", 24, 1);
        bed.pool("right", "198.18.16.0/20", 24, 1);
        bed.chain("a-to-b",
                sw(si("pod-a", "left"), service("firewall", "in")),
                sw(service("firewall", "out"), si("uplink-b", "right")));
        ServiceChain chain = bed.awaitProgrammed(ServiceChain.class, "a-to-b");
        assertThat(chain.getStatus().getFlowsInstalled()).isEqualTo(4);

        addressA = bed.awaitProgrammed(ServiceInterface.class, "pod-a").getStatus().getIpAddress();
        addressB = bed.awaitProgrammed(ServiceInterface.class, "uplink-b").getStatus().getIpAddress();
        assertThat(bed.awaitProgrammed(IPPool.class, "left").getStatus().getBlock()).isEqualTo("198.18.0.0/24");
        assertThat(bed.awaitProgrammed(IPPool.class, "right").getStatus().getBlock()).isEqualTo("198.18.16.0/24");
        assertThat(addressA).isEqualTo("198.18.0.2");
        assertThat(addressB).isEqualTo("198.18.16.2");

        attach(podA, portA, addressA + "/24", "198.18.0.1");
        attach(uplinkB, portB, addressB + "/24", "198.18.16.1");
        attach(firewall, fwIn, "198.18.0.1/24", null);
        attach(firewall, fwOut, "198.18.16.1/24", null);
        firewall.run("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    }

    private static void attach(NetworkNamespace ns, String link, String cidr, String gateway) {
        ns.adopt(link, cidr);
        if (gateway != null) {
            ns.run("ip", "route", "add", "default", "via", gateway);
        }
    }

    @AfterAll
    void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {podA, firewall, uplinkB, bed}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    private String transfer(int bytes) {
        try (InNamespace receiver = InNamespace.java(uplinkB, "receive", "5001")) {
            await("receiver listening").atMost(WAIT).until(() -> receiver.output().contains("listening"));
            try (InNamespace sender = InNamespace.java(podA, "send", addressB, "5001", String.valueOf(bytes))) {
                String sent = sender.awaitExit(WAIT);
                if (sender.exitCode() != 0) {
                    return sent.strip();
                }
                String received = receiver.awaitExit(WAIT);
                assertThat(received).contains("received " + sent.strip().substring("sent ".length()));
                return sent.strip();
            }
        }
    }

    @Test
    @Order(1)
    void pingAndATcpTransferCrossTheChainThroughTheFirewall() {
        assertThat(podA.pings(addressB, 3)).as("ping %s -> %s through the firewall", addressA, addressB).isTrue();
        assertThat(transfer(4 << 20)).startsWith("sent " + (4 << 20) + " ");
        assertThat(bed.ovs.ofctl("dump-flows", bed.bridge, "in_port=" + portOf("pod-a"))).contains("n_packets=")
                .doesNotContain("n_packets=0,");
    }

    @Test
    @Order(2)
    void aDenyRuleInTheFirewallDropsThem() {
        firewall.run("ip", "rule", "add", "iif", fwIn, "to", addressB, "blackhole");
        try {
            assertThat(podA.pings(addressB, 2)).as("ping through a firewall that denies it").isFalse();
            assertThat(transfer(1 << 20)).startsWith("failed");
        } finally {
            firewall.run("ip", "rule", "del", "iif", fwIn, "to", addressB, "blackhole");
        }
        assertThat(podA.pings(addressB, 2)).as("ping once the rule is gone").isTrue();
    }

    @Test
    @Order(3)
    void updatingTheChainDropsAtMostAHandfulOfPackets() {
        String mirror = bed.portName("mi");
        bed.uplink(mirror);
        bed.physical("mirror", mirror);
        bed.awaitProgrammed(ServiceInterface.class, "mirror");
        String cookie = bed.get(ServiceChain.class, "a-to-b").getStatus().getCookie();
        long before = packets(cookie);
        try (InNamespace ping = InNamespace.start(podA, "ping", "-i", "0.01", "-c", "600", "-W", "1", addressB)) {
            await("ping under way").atMost(WAIT).until(() -> packets(cookie) > before + 100);
            bed.updateChain("a-to-b",
                    sw(si("pod-a", "left"), service("firewall", "in")),
                    sw(service("firewall", "out"), si("uplink-b", "right"), si("mirror")));
            ServiceChain updated = bed.awaitProgrammed(ServiceChain.class, "a-to-b");
            assertThat(updated.getStatus().getFlowsInstalled()).isEqualTo(5);
            Matcher summary = PING_SUMMARY.matcher(ping.awaitExit(Duration.ofSeconds(60)));
            assertThat(summary.find()).as(ping.output()).isTrue();
            int lost = Integer.parseInt(summary.group(1)) - Integer.parseInt(summary.group(2));
            System.out.printf("[measure] chain update under a 100/s ping: %d of %s packets lost%n", lost,
                    summary.group(1));
            assertThat(lost).isLessThanOrEqualTo(MAX_PACKETS_LOST_ON_UPDATE);
        }
    }

    @Test
    @Order(4)
    void restartingTheAgentChangesNothingInOvs() {
        String flowsBefore = installedFlows();
        String portsBefore = ports();
        bed.stopAgent();
        bed.startAgent();
        await("restarted agent has checked everything").atMost(WAIT)
                .until(() -> bed.agent.health().last() != null && bed.agent.health().last().chains() == 1);
        bed.agent.requestSync();
        await("a second pass").atMost(WAIT).until(() -> bed.agent.health().passes() >= 2);
        assertThat(bed.recording.changes).as("OVS changes made by the restarted agent").isEmpty();
        assertThat(installedFlows()).isEqualTo(flowsBefore);
        assertThat(ports()).isEqualTo(portsBefore);
        assertThat(podA.pings(addressB, 2)).isTrue();
    }

    @Test
    @Order(5)
    void deletingTheChainRemovesExactlyItsFlowsAndItsInterfacesPorts() {
        String other1 = bed.portName("o1");
        String other2 = bed.portName("o2");
        bed.uplink(other1);
        bed.uplink(other2);
        bed.physical("other-1", other1);
        bed.physical("other-2", other2);
        bed.chain("other", sw(si("other-1"), si("other-2")));
        String otherCookie = bed.awaitProgrammed(ServiceChain.class, "other").getStatus().getCookie();
        String cookie = bed.get(ServiceChain.class, "a-to-b").getStatus().getCookie();
        String otherFlows = flowsOf(otherCookie);
        String portsBefore = ports();

        bed.delete(ServiceChain.class, "a-to-b");
        for (String si : List.of("pod-a", "uplink-b", "mirror")) {
            bed.delete(ServiceInterface.class, si);
        }

        await("the chain's flows removed").atMost(WAIT).until(() -> flowsOf(cookie).isEmpty());
        await("its ports released").atMost(WAIT).until(() -> !ports().contains("ServiceInterface " + bed.namespace
                + "/uplink-b") && !ports().contains(bed.namespace + "/mirror"));
        assertThat(flowsOf(otherCookie)).as("the other chain's flows").isEqualTo(otherFlows);
        assertThat(ports()).as("the other chain's ports").contains(bed.namespace + "/other-1", bed.namespace + "/other-2");
        assertThat(bed.ovs.vsctl("list-ports", bed.bridge).lines().toList()).as("no port removed from the bridge")
                .containsExactlyInAnyOrderElementsOf(portsBefore.lines().map(l -> l.split(" ")[0]).toList());
        assertThat(podA.pings(addressB, 2)).as("ping once the chain is gone").isFalse();
    }

    private String portOf(String si) {
        return String.valueOf(bed.get(ServiceInterface.class, si).getStatus().getOfport());
    }

    private long packets(String cookie) {
        return bed.ovs.ofctl("dump-flows", bed.bridge, "cookie=" + cookie + "/-1").lines()
                .map(l -> l.replaceAll(".*n_packets=(\\d+),.*", "$1")).filter(s -> s.matches("\\d+"))
                .mapToLong(Long::parseLong).sum();
    }

    /** The flows the agent installed, without statistics or what the switches learned. */
    private String installedFlows() {
        return String.join("\n", bed.ovs.ofctl("dump-flows", bed.bridge, "--no-stats").lines()
                .filter(l -> !l.contains("priority=30")).sorted().toList());
    }

    private String flowsOf(String cookie) {
        return String.join("\n", bed.ovs.ofctl("dump-flows", bed.bridge, "--no-stats", "cookie=" + cookie + "/-1")
                .lines().skip(1).filter(l -> !l.contains("priority=30")).sorted().toList());
    }

    /** Each port of the bridge with its OpenFlow number and the agent's marks. */
    private String ports() {
        return String.join("\n", bed.ovs.vsctl("list-ports", bed.bridge).lines().sorted().map(p -> p + " "
                + bed.ovs.vsctl("get", "Interface", p, "ofport").strip() + " "
                + bed.ovs.vsctl("get", "Port", p, "external_ids").strip()).toList());
    }
}
