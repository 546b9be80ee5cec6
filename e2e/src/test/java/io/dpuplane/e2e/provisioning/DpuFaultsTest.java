package io.dpuplane.e2e.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.emulator.DeviceFaults;
import io.dpuplane.agent.emulator.EmulatedDpu;
import io.dpuplane.apis.provisioning.v1alpha1.DPUPhase;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults on the way to a Ready DPU that lose nothing: the host agent down (said, with where it was dialled,
 * and provisioning goes on when it is back), the agent restarting in the middle of an install (the card is
 * reset and the next attempt completes), and the provider restarting while the DPU's node joins (it picks up
 * where it was, no second install). Real API servers, the real provider controller and host agent, emulated
 * BlueFields.
 */
class DpuFaultsTest {

    private static final String HOST = "faulthost";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static ProvisioningWorld world;
    private static DpuFleet dpus;

    @BeforeAll
    static void start() throws Exception {
        world = new ProvisioningWorld(Files.createTempDirectory("faults"), HOST);
        dpus = DpuFleet.apply(world, "faults", "fault-cluster", "faults", WAIT);
        world.verifiedBfb("fault-doca", ProvisioningWorld.image(2 << 20));
        world.verifiedBfb("fault-doca-large", ProvisioningWorld.image(8 << 20));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aHostAgentThatIsDownIsNamedAndTheDpuProceedsWhenItIsBack() {
        world.stopAgent();
        try {
            dpu("fault-dpu0", "0000:03:00.0");
            await("the DPU says which agent it cannot reach").atMost(WAIT).untilAsserted(() ->
                    assertThat(dpus.condition("fault-dpu0", "Synced")).hasValueSatisfying(c -> {
                        assertThat(c.getStatus()).isEqualTo("False");
                        assertThat(c.getMessage()).contains("cannot reach the host agent of " + HOST + " at localhost:")
                                .contains("UNAVAILABLE");
                    }));
            assertThat(dpus.get("fault-dpu0").getStatus().getAtProvider().getAttempts()).as("no install started").isNull();
        } finally {
            world.startAgent();
        }
        dpus.awaitReady("fault-dpu0");
        assertThat(dpus.get("fault-dpu0").getStatus().getAtProvider().getAttempts()).isEqualTo(1);
        assertThat(DpuFleet.bootStreams(world.host.dpu("0000:03:00.0"))).isEqualTo(1);
    }

    @Test
    void anAgentRestartInTheMiddleOfAnInstallResetsTheCardAndTheNextAttemptCompletes() {
        EmulatedDpu card = world.host.dpu("0000:04:00.0");
        card.setFaults(DeviceFaults.none().withRshimThroughput(1 << 20));
        dpu("fault-dpu1", "0000:04:00.0", "fault-doca-large");
        // The card itself receiving: an install still downloading its BFB on the host has sent the card nothing.
        await("the card is receiving the install").atMost(WAIT)
                .until(() -> dpus.streaming("fault-dpu1") && DpuFleet.bootStreams(card) == 1);

        world.stopAgent();
        card.setFaults(DeviceFaults.none());
        world.startAgent();

        dpus.awaitReady("fault-dpu1");
        assertThat(dpus.get("fault-dpu1").getStatus().getAtProvider().getAttempts())
                .as("the interrupted attempt and the next; the card's console:%n%s", String.join("\n", card.console()))
                .isEqualTo(2);
        assertThat(DpuFleet.bootStreams(card)).isEqualTo(2);
        assertThat(card.console()).anyMatch(l -> l.contains("SW_RESET"));
        assertThat(card.state()).isEqualTo(EmulatedDpu.State.RUNNING);
    }

    @Test
    void aProviderRestartWhileTheNodeJoinsPicksUpWhereItWasWithoutASecondInstall() {
        EmulatedDpu card = world.host.dpu("0000:05:00.0");
        card.setFaults(DeviceFaults.none().withKubeletStopped(true));
        dpu("fault-dpu2", "0000:05:00.0");
        await("installed, the node not joined").atMost(WAIT).untilAsserted(() -> {
            assertThat(dpus.phase("fault-dpu2")).isEqualTo(DPUPhase.DPU_CLUSTER_CONFIG);
            assertThat(dpus.condition("fault-dpu2", "Ready")).hasValueSatisfying(c -> assertThat(c.getMessage())
                    .isEqualTo("waiting for node faulthost-0000-05-00-0 to join the DPU cluster and be Ready"));
        });

        world.restartProvider();
        await("the restarted provider waits on").atMost(WAIT).during(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(dpus.phase("fault-dpu2")).isEqualTo(DPUPhase.DPU_CLUSTER_CONFIG));
        card.setFaults(DeviceFaults.none());

        dpus.awaitReady("fault-dpu2");
        assertThat(dpus.get("fault-dpu2").getStatus().getAtProvider().getAttempts()).isEqualTo(1);
        assertThat(DpuFleet.bootStreams(card)).isEqualTo(1);
    }

    private static void dpu(String name, String pci) {
        dpu(name, pci, "fault-doca");
    }

    private static void dpu(String name, String pci, String bfb) {
        dpus.dpu(name, pci, bfb, "{none: true}");
    }
}
