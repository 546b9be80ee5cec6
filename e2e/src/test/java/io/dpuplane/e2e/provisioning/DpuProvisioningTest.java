package io.dpuplane.e2e.provisioning;

import static io.dpuplane.e2e.provisioning.ProvisioningWorld.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.emulator.EmulatedDpu;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUPhase;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A DPU object becomes a flashed, booted BlueField that is a Ready node of its DPU cluster — or says why not. */
// The three DPUs share host1, and a failing one re-applies its node effect on every retry: the happy path,
// which checks the node effect is removed, runs first.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DpuProvisioningTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static ProvisioningWorld world;
    private static DpuFleet dpus;

    @BeforeAll
    static void start() throws Exception {
        world = new ProvisioningWorld(Files.createTempDirectory("provisioning"));
        dpus = DpuFleet.apply(world, "default", "dpu-cluster", "default", WAIT);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static void dpu(String name, String pci, String bfb) {
        dpu(name, pci, bfb, "default");
    }

    private static void dpu(String name, String pci, String bfb, String clusterProviderConfig) {
        dpus.dpu(name, pci, bfb, "{label: {key: dpuplane.io/provisioning, value: \"true\"}}", clusterProviderConfig,
                "clusterNodeLabels: {dpuplane.io/role: dpu}");
    }

    @Test
    @Order(1)
    void aDpuIsFlashedBootedAndJoinsItsClusterAsAReadyNode() throws Exception {
        world.verifiedBfb("doca-2-9-1", ProvisioningWorld.image(2 << 20));
        dpu("host1-dpu0", "0000:03:00.0", "doca-2-9-1");
        dpus.awaitReady("host1-dpu0");
        var at = dpus.get("host1-dpu0").getStatus().getAtProvider();
        assertThat(at.getPhase()).isEqualTo(DPUPhase.READY);
        assertThat(at.getDocaVersion()).isEqualTo("2.9.1");
        assertThat(at.getDpuNodeName()).isEqualTo("host1-0000-03-00-0");
        assertThat(at.getInstalled().bfb()).isEqualTo("doca-2-9-1");
        assertThat(at.getAttempts()).isEqualTo(1);

        Node node = world.dpuCluster.client().nodes().withName("host1-0000-03-00-0").get();
        assertThat(node.getMetadata().getLabels()).containsEntry("dpuplane.io/role", "dpu")
                .as("the kubelet's own labels stay").containsKey("node-role.kubernetes.io/dpu");
        assertThat(world.dpuCluster.client().secrets().inNamespace("kube-system").list().getItems())
                .as("the join token is gone once the DPU joined")
                .noneMatch(s -> "bootstrap.kubernetes.io/token".equals(s.getType())
                        && s.getMetadata().getLabels() != null
                        && dpus.get("host1-dpu0").getMetadata().getUid().equals(s.getMetadata().getLabels().get("dpuplane.io/dpu-uid")));
        assertThat(world.client.nodes().withName("host1").get().getMetadata().getLabels())
                .as("the node effect is removed once the DPU is Ready").doesNotContainKey("dpuplane.io/provisioning");
        assertThat(world.host.dpu("0000:03:00.0").state()).isEqualTo(EmulatedDpu.State.RUNNING);

        // A label change on a Ready DPU relabels its Node in place, without flashing it again.
        world.client.resources(DPU.class).inNamespace(NS).withName("host1-dpu0").edit(d -> {
            d.getSpec().getForProvider().clusterNodeLabels().put("dpuplane.io/tier", "edge");
            return d;
        });
        await("the node relabelled").atMost(WAIT).until(() -> "edge".equals(world.dpuCluster.client().nodes()
                .withName("host1-0000-03-00-0").get().getMetadata().getLabels().get("dpuplane.io/tier")));
        assertThat(dpus.get("host1-dpu0").getStatus().getAtProvider().getAttempts()).isEqualTo(1);

        // Health after Ready: the Node going NotReady makes the DPU say so, and it recovers with the Node. The
        // card loses power first, so its kubelet stops posting Ready and the test plays it instead.
        world.host.dpu("0000:03:00.0").powerOff();
        nodeReady("host1-0000-03-00-0", "False", "KubeletNotReady", "PLEG is not healthy");
        await("the DPU reports its node NotReady").atMost(WAIT).untilAsserted(() -> assertThat(
                dpus.condition("host1-dpu0", "Ready")).hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("Unavailable");
                    assertThat(c.getMessage()).isEqualTo("node host1-0000-03-00-0 is NotReady in the DPU cluster: "
                            + "False KubeletNotReady PLEG is not healthy");
                }));
        nodeReady("host1-0000-03-00-0", "True", "KubeletReady", "kubelet is posting ready status");
        dpus.awaitReady("host1-dpu0");
        assertThat(dpus.get("host1-dpu0").getStatus().getAtProvider().getAttempts()).isEqualTo(1);
    }

    /** Plays the DPU's kubelet (whose bootstrap token is gone once joined) reporting its Ready condition. */
    private static void nodeReady(String node, String status, String reason, String message) {
        await("node status written").atMost(WAIT).ignoreExceptions().until(() -> world.dpuCluster.client().nodes()
                .withName(node).editStatus(n -> {
            n.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.NodeConditionBuilder()
                    .withType("Ready").withStatus(status).withReason(reason).withMessage(message).build()));
            return n;
        }) != null);
    }

    @Test
    @Order(2)
    void aProviderRestartMidInstallPicksTheInstallUpByIdAndNeverStartsASecond() throws Exception {
        EmulatedDpu card = world.host.dpu("0000:05:00.0");
        card.setFaults(io.dpuplane.agent.emulator.DeviceFaults.none().withRshimThroughput(1 << 20));
        world.verifiedBfb("slow", ProvisioningWorld.image(4 << 20));
        dpu("host1-dpu2", "0000:05:00.0", "slow");
        await("the install is streaming").atMost(WAIT).until(() -> dpus.streaming("host1-dpu2"));
        world.restartProvider();
        card.setFaults(io.dpuplane.agent.emulator.DeviceFaults.none());
        dpus.awaitReady("host1-dpu2");
        assertThat(dpus.get("host1-dpu2").getStatus().getAtProvider().getAttempts()).isEqualTo(1);
        assertThat(DpuFleet.bootStreams(card)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aCorruptBfbNeverReachesTheCardAndTheDpuSaysWhy() throws Exception {
        byte[] corrupt = ProvisioningWorld.image(1 << 20);
        corrupt[corrupt.length - 4096] ^= 0x10;
        world.verifiedBfb("corrupt", corrupt);
        dpu("host1-dpu1", "0000:04:00.0", "corrupt");
        await().atMost(WAIT).untilAsserted(() -> {
            DPU dpu = dpus.get("host1-dpu1");
            assertThat(dpu.getStatus()).isNotNull();
            assertThat(dpu.getStatus().getAtProvider()).isNotNull();
            assertThat(dpu.getStatus().getAtProvider().getLastError()).contains("corrupt BFB stopped")
                    .contains("CRC mismatch");
            assertThat(dpus.condition("host1-dpu1", "Synced")).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getMessage()).contains("provisioning attempt").contains("failed");
            });
        });
        assertThat(world.host.dpu("0000:04:00.0").installedVersions()).isEmpty();
        assertThat(List.of(DPUPhase.ERROR, DPUPhase.OS_INSTALLING, DPUPhase.REBOOTING, DPUPhase.NODE_EFFECT))
                .contains(dpus.get("host1-dpu1").getStatus().getAtProvider().getPhase());
    }

    @Test
    @Order(4)
    void atMostMaxParallelInstallsDpusInstallAtOnceAndTheOthersWaitWithoutTouchingTheirHost() throws Exception {
        dpus.providerConfig("one-at-a-time", "maxParallelInstalls: 1");
        for (String pci : List.of("0000:06:00.0", "0000:07:00.0")) {
            world.host.dpu(pci).setFaults(io.dpuplane.agent.emulator.DeviceFaults.none().withRshimThroughput(1 << 20));
        }
        world.verifiedBfb("paced", ProvisioningWorld.image(3 << 20));
        dpu("host1-dpu3", "0000:06:00.0", "paced", "one-at-a-time");
        await("host1-dpu3 has the slot").atMost(WAIT).until(() -> DpuFleet.bootStreams(world.host.dpu("0000:06:00.0")) > 0);
        // The waiting DPU's own node effect, so the test can tell whether it touched the host before its turn.
        dpus.dpu("host1-dpu4", "0000:07:00.0", "paced", "{label: {key: e2e/waiting-dpu, value: dpu4}}", "one-at-a-time",
                "clusterNodeLabels: {dpuplane.io/role: dpu}");

        java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean toldToWait = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<String> touchedEarly = new java.util.concurrent.atomic.AtomicReference<>();
        await("both DPUs Ready, one install at a time").atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            // Read the host first: if host1-dpu3's card is not up after that, it held the only slot then.
            boolean labelled = world.client.nodes().withName("host1").get().getMetadata().getLabels()
                    .containsKey("e2e/waiting-dpu");
            boolean firstUp = world.host.dpu("0000:06:00.0").console().stream().anyMatch(l -> l.contains("DPU is up"));
            if (labelled && !firstUp) {
                touchedEarly.compareAndSet(null, "host1 labelled for host1-dpu4 while host1-dpu3 held the only slot");
            }
            List<String> names = List.of("host1-dpu3", "host1-dpu4");
            mostAtOnce.accumulateAndGet((int) names.stream().filter(dpus::installing).count(), Math::max);
            dpus.condition("host1-dpu4", "Ready").filter(c -> c.getMessage() != null && c.getMessage()
                    .startsWith("waiting for an install slot: 1 of 1 installs under ClusterProviderConfig/"
                            + "one-at-a-time are running")).ifPresent(c -> toldToWait.set(true));
            return names.stream().allMatch(dpus::isReady);
        });
        assertThat(mostAtOnce.get()).as("DPUs installing at the same time").isEqualTo(1);
        assertThat(toldToWait).as("the second DPU said it waits for a slot").isTrue();
        assertThat(touchedEarly.get()).as("a DPU waiting for a slot leaves its host alone").isNull();
        assertThat(world.client.nodes().withName("host1").get().getMetadata().getLabels())
                .as("its effect released once Ready").doesNotContainKey("e2e/waiting-dpu");
    }
}
