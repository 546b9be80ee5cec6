package io.dpuplane.agent.dpu;

import static io.dpuplane.agent.dpu.SfcTestBed.WAIT;
import static io.dpuplane.agent.dpu.SfcTestBed.si;
import static io.dpuplane.agent.dpu.SfcTestBed.sw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.testkit.os.Command;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ServiceInterfaces become br-sfc ports the agent marks as theirs, on real OVS and a real DPU cluster API. */
class DpuAgentPortsTest {

    private SfcTestBed bed;

    @BeforeEach
    void start() {
        bed = new SfcTestBed();
        bed.startAgent();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private String externalId(String port, String key) {
        return bed.ovs.vsctl("--if-exists", "get", "Port", port, "external_ids:" + key).strip().replace("\"", "");
    }

    private boolean portExists(String port) {
        return bed.ovs.vsctl("list-ports", bed.bridge).lines().anyMatch(port::equals);
    }

    @Test
    void aVfBecomesItsRepresentorPortMarkedAsTheInterfacesAndTheOvsErrorIsReported() {
        int pf = ThreadLocalRandom.current().nextInt(100, 256);
        int vf = ThreadLocalRandom.current().nextInt(100, 256);
        ServiceInterface si = bed.vf("host-vf", pf, vf);
        String port = "pf" + pf + "vf" + vf;

        String message = bed.awaitNotProgrammed(ServiceInterface.class, "host-vf");
        assertThat(message).isEqualTo("could not open network device " + port + " (No such device)");
        assertThat(portExists(port)).isTrue();
        assertThat(externalId(port, "dpuplane-owner")).isEqualTo(si.getMetadata().getUid());
        assertThat(externalId(port, "dpuplane-name")).isEqualTo(bed.namespace + "/host-vf");
        assertThat(bed.get(ServiceInterface.class, "host-vf").getStatus().getOvsPort()).isEqualTo(port);

        bed.delete(ServiceInterface.class, "host-vf");
        await("port " + port + " removed").atMost(WAIT).until(() -> !portExists(port));
    }

    @Test
    void anUplinkThatExistsIsAdoptedAndOnlyUnmarkedWhenItsInterfaceGoes() {
        String uplink = bed.portName("up");
        bed.uplink(uplink);
        bed.physical("uplink", uplink);

        ServiceInterface si = bed.awaitProgrammed(ServiceInterface.class, "uplink");
        assertThat(si.getStatus().getOvsPort()).isEqualTo(uplink);
        assertThat(si.getStatus().getOfport()).isPositive();
        assertThat(externalId(uplink, "dpuplane-adopted")).isEqualTo("true");

        bed.delete(ServiceInterface.class, "uplink");
        await("uplink unmarked").atMost(WAIT).until(() -> externalId(uplink, "dpuplane-owner").isEmpty());
        assertThat(portExists(uplink)).as("an adopted port stays").isTrue();
    }

    @Test
    void aPortTheAgentAddedIsRemovedWithItsInterface() {
        String device = bed.portName("ve");
        String ovsNamespace = bed.ovs.namespace().name();
        Command.run("ip", "-n", ovsNamespace, "link", "add", device, "type", "veth", "peer", "name", bed.portName("vp"));
        try {
            bed.physical("veth-uplink", device);
            assertThat(bed.awaitProgrammed(ServiceInterface.class, "veth-uplink").getStatus().getOfport()).isPositive();
            String mac = Command.run("ip", "-n", ovsNamespace, "-o", "link", "show", device).stdout()
                    .replaceAll("(?s).*link/ether ([0-9a-f:]{17}).*", "$1").strip();
            await("MAC reported").atMost(WAIT).untilAsserted(() -> assertThat(bed.get(ServiceInterface.class,
                    "veth-uplink").getStatus().getMac()).isEqualTo(mac));
            assertThat(externalId(device, "dpuplane-adopted")).isEmpty();

            bed.delete(ServiceInterface.class, "veth-uplink");
            await("port removed").atMost(WAIT).until(() -> !portExists(device));
        } finally {
            Command.exec(List.of("ip", "-n", ovsNamespace, "link", "del", device), Map.of(), Duration.ofSeconds(10));
        }
    }

    @Test
    void strayFlowsAndMarkedPortsOfNoObjectAreRemovedWhileForeignPortsStay() {
        String stale = bed.portName("st");
        String foreign = bed.portName("fo");
        bed.ovs.vsctl("add-port", bed.bridge, stale, "--", "set", "Interface", stale, "type=internal", "--", "set", "Port",
                stale, "external_ids:dpuplane-owner=deleted-while-the-agent-was-down");
        bed.ovs.vsctl("add-port", bed.bridge, foreign, "--", "set", "Interface", foreign, "type=internal");
        bed.ovs.ofctl("add-flow", bed.bridge, "cookie=0x1234,priority=5,actions=drop");
        bed.ovs.ofctl("add-flow", bed.bridge, "priority=0,actions=NORMAL");

        await("stray port and flows removed").atMost(WAIT).untilAsserted(() -> {
            assertThat(portExists(stale)).isFalse();
            assertThat(bed.ovs.ofctl("dump-flows", bed.bridge, "--no-stats").lines().skip(1)).isEmpty();
        });
        assertThat(portExists(foreign)).as("a port without the agent's mark is never touched").isTrue();
    }

    @Test
    void aChainNamingAMissingInterfaceSaysWhichAndInstallsNothing() {
        String uplink = bed.portName("up");
        bed.uplink(uplink);
        bed.physical("uplink", uplink);
        bed.chain("broken", sw(si("uplink"), si("nope")));

        assertThat(bed.awaitNotProgrammed(ServiceChain.class, "broken"))
                .isEqualTo("switch 1 port 2: ServiceInterface nope does not exist on this node");
        assertThat(bed.get(ServiceChain.class, "broken").getStatus().getFlowsInstalled()).isZero();
        assertThat(bed.programmedReason("broken")).isEqualTo("PortsUnresolved");
    }

    @Test
    void aPortInTwoChainsStaysWithTheOlderChain() {
        for (String name : new String[] {"a", "b", "c"}) {
            bed.uplink(bed.portName(name));
            bed.physical(name, bed.portName(name));
        }
        bed.chain("first", sw(si("a"), si("b")));
        ServiceChain first = bed.awaitProgrammed(ServiceChain.class, "first");
        bed.chain("second", sw(si("b"), si("c")));

        assertThat(bed.awaitNotProgrammed(ServiceChain.class, "second"))
                .isEqualTo("switch 1 port 1: port " + bed.portName("b") + " is already in chain " + bed.namespace
                        + "/first switch 1");
        assertThat(bed.get(ServiceChain.class, "first").getStatus().getFlowsInstalled()).isEqualTo(2);
        assertThat(first.getStatus().getCookie()).isNotEqualTo(bed.get(ServiceChain.class, "second").getStatus()
                .getCookie());
    }

    @Test
    void anOvnInterfaceIsAPatchPairBetweenBrOvnAndBrSfc() {
        bed.ovn("ovn");
        assertThat(bed.awaitNotProgrammed(ServiceInterface.class, "ovn"))
                .isEqualTo("bridge " + bed.ovnBridge + " does not exist on this DPU");

        bed.ovs.addBridge(bed.ovnBridge);
        bed.agent.requestSync();
        ServiceInterface ovn = bed.awaitProgrammed(ServiceInterface.class, "ovn");
        assertThat(ovn.getStatus().getOvsPort()).isEqualTo("puplinkbrsfc");
        assertThat(bed.ovs.vsctl("get", "Interface", "puplinkbrsfc", "options:peer").strip()).isEqualTo("puplinkbrovn");
        assertThat(bed.ovs.vsctl("port-to-br", "puplinkbrovn").strip()).isEqualTo(bed.ovnBridge);
    }

    @Test
    void flowsDeletedByHandArePutBack() {
        for (String name : new String[] {"a", "b"}) {
            bed.uplink(bed.portName(name));
            bed.physical(name, bed.portName(name));
        }
        bed.chain("web", sw(si("a"), si("b")));
        String cookie = bed.awaitProgrammed(ServiceChain.class, "web").getStatus().getCookie();
        bed.ovs.ofctl("del-flows", bed.bridge, "cookie=" + cookie + "/-1");
        assertThat(bed.ovs.ofctl("dump-flows", bed.bridge, "cookie=" + cookie + "/-1").lines().skip(1)).isEmpty();

        await("flows put back").atMost(WAIT).untilAsserted(() -> assertThat(bed.ovs.ofctl("dump-flows", bed.bridge,
                "cookie=" + cookie + "/-1").lines().skip(1)).hasSize(2));
    }
}
