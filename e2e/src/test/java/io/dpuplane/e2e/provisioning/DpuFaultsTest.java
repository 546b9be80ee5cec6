package io.dpuplane.e2e.provisioning;

import static io.dpuplane.e2e.provisioning.ProvisioningWorld.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.emulator.DeviceFaults;
import io.dpuplane.agent.emulator.EmulatedDpu;
import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUPhase;
import io.dpuplane.runtime.Conditions;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
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

    @BeforeAll
    static void start() throws Exception {
        world = new ProvisioningWorld(Files.createTempDirectory("faults"), HOST);
        world.client.resource(Serialization.unmarshal("""
                apiVersion: dpuplane.io/v1alpha1
                kind: ClusterProviderConfig
                metadata: {name: faults}
                spec:
                  agent: {tlsSecretRef: {name: agent-client-tls, namespace: crossplane-system}}
                  bfbCache: {registryURL: "%s"}
                """.formatted(world.registryUrl()), io.dpuplane.apis.config.v1alpha1.ClusterProviderConfig.class))
                .forceConflicts().serverSideApply();
        world.client.secrets().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("fault-cluster-kubeconfig").endMetadata()
                .addToStringData("kubeconfig", world.dpuCluster.kubeconfigYaml()).build()).serverSideApply();
        world.client.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUCluster
                metadata: {name: fault-cluster, namespace: %s}
                spec: {forProvider: {type: static, kubeconfigSecretRef: {name: fault-cluster-kubeconfig}}}
                """.formatted(NS), io.dpuplane.apis.provisioning.v1alpha1.DPUCluster.class)).serverSideApply();
        world.client.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUFlavor
                metadata: {name: faults, namespace: %s}
                spec: {forProvider: {grub: {kernelParameters: [hugepages=3072]}}}
                """.formatted(NS), io.dpuplane.apis.provisioning.v1alpha1.DPUFlavor.class)).serverSideApply();
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
                    assertThat(condition("fault-dpu0", "Synced")).hasValueSatisfying(c -> {
                        assertThat(c.getStatus()).isEqualTo("False");
                        assertThat(c.getMessage()).contains("cannot reach the host agent of " + HOST + " at localhost:")
                                .contains("UNAVAILABLE");
                    }));
            assertThat(get("fault-dpu0").getStatus().getAtProvider().getAttempts()).as("no install started").isNull();
        } finally {
            world.startAgent();
        }
        awaitReady("fault-dpu0");
        assertThat(get("fault-dpu0").getStatus().getAtProvider().getAttempts()).isEqualTo(1);
        assertThat(bootStreams(world.host.dpu("0000:03:00.0"))).isEqualTo(1);
    }

    @Test
    void anAgentRestartInTheMiddleOfAnInstallResetsTheCardAndTheNextAttemptCompletes() {
        EmulatedDpu card = world.host.dpu("0000:04:00.0");
        card.setFaults(DeviceFaults.none().withRshimThroughput(1 << 20));
        dpu("fault-dpu1", "0000:04:00.0", "fault-doca-large");
        await("the install is streaming").atMost(WAIT).until(() -> installing(get("fault-dpu1")));

        world.stopAgent();
        card.setFaults(DeviceFaults.none());
        world.startAgent();

        awaitReady("fault-dpu1");
        assertThat(get("fault-dpu1").getStatus().getAtProvider().getAttempts())
                .as("the interrupted attempt and the next; the card's console:%n%s", String.join("\n", card.console()))
                .isEqualTo(2);
        assertThat(bootStreams(card)).isEqualTo(2);
        assertThat(card.console()).anyMatch(l -> l.contains("SW_RESET"));
        assertThat(card.state()).isEqualTo(EmulatedDpu.State.RUNNING);
    }

    @Test
    void aProviderRestartWhileTheNodeJoinsPicksUpWhereItWasWithoutASecondInstall() {
        EmulatedDpu card = world.host.dpu("0000:05:00.0");
        card.setFaults(DeviceFaults.none().withKubeletStopped(true));
        dpu("fault-dpu2", "0000:05:00.0");
        await("installed, the node not joined").atMost(WAIT).untilAsserted(() -> {
            assertThat(phase("fault-dpu2")).isEqualTo(DPUPhase.DPU_CLUSTER_CONFIG);
            assertThat(condition("fault-dpu2", "Ready")).hasValueSatisfying(c -> assertThat(c.getMessage())
                    .isEqualTo("waiting for node faulthost-0000-05-00-0 to join the DPU cluster and be Ready"));
        });

        world.restartProvider();
        await("the restarted provider waits on").atMost(WAIT).during(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(phase("fault-dpu2")).isEqualTo(DPUPhase.DPU_CLUSTER_CONFIG));
        card.setFaults(DeviceFaults.none());

        awaitReady("fault-dpu2");
        assertThat(get("fault-dpu2").getStatus().getAtProvider().getAttempts()).isEqualTo(1);
        assertThat(bootStreams(card)).isEqualTo(1);
    }

    private static void dpu(String name, String pci) {
        dpu(name, pci, "fault-doca");
    }

    private static void dpu(String name, String pci, String bfb) {
        world.client.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPU
                metadata: {name: %s, namespace: %s}
                spec:
                  providerConfigRef: {kind: ClusterProviderConfig, name: faults}
                  forProvider:
                    hostNode: %s
                    pciAddress: "%s"
                    bfbRef: {name: %s}
                    flavorRef: {name: faults}
                    dpuClusterRef: {name: fault-cluster}
                    nodeEffect: {none: true}
                """.formatted(name, NS, HOST, pci, bfb), DPU.class)).create();
    }

    private static DPUPhase phase(String name) {
        DPU dpu = get(name);
        return dpu == null || dpu.getStatus() == null || dpu.getStatus().getAtProvider() == null ? null
                : dpu.getStatus().getAtProvider().getPhase();
    }

    private static boolean installing(DPU dpu) {
        return dpu != null && dpu.getStatus() != null && dpu.getStatus().getAtProvider() != null
                && dpu.getStatus().getAtProvider().getPhase() == DPUPhase.OS_INSTALLING
                && dpu.getStatus().getAtProvider().getInstall() != null
                && dpu.getStatus().getAtProvider().getInstall().getOperationId() != null;
    }

    private static long bootStreams(EmulatedDpu card) {
        return card.console().stream().filter(l -> l.contains("receiving a boot stream")).count();
    }

    private static void awaitReady(String name) {
        await(name + " Ready").atMost(WAIT).untilAsserted(() -> assertThat(condition(name, "Ready"))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True")));
    }

    private static DPU get(String name) {
        return world.client.resources(DPU.class).inNamespace(NS).withName(name).get();
    }

    private static Optional<Condition> condition(String name, String type) {
        DPU dpu = get(name);
        return dpu == null || dpu.getStatus() == null ? Optional.empty() : Conditions.find(dpu.getStatus().getConditions(), type);
    }
}
