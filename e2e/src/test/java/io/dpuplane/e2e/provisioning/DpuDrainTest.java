package io.dpuplane.e2e.provisioning;

import static io.dpuplane.e2e.provisioning.ProvisioningWorld.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.emulator.DeviceFaults;
import io.dpuplane.agent.emulator.PodLifecycle;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUPhase;
import io.dpuplane.testkit.kube.PlayedKubelets;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A DPU with {@code nodeEffect: drain} empties its host through the Eviction API before the card is touched,
 * honouring PodDisruptionBudgets, and gives the host back once it — and every other DPU of the host — is
 * Ready, or deleted. Real API servers with the real controller-manager and scheduler, the emulated host's
 * pods played as a kubelet would, the real provider controller and host agent.
 */
// One host for all: each test leaves it uncordoned, and the deletion test runs last.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DpuDrainTest {

    private static final String HOST = "drainhost";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static ProvisioningWorld world;
    private static PlayedKubelets kubelet;
    private static DpuFleet dpus;

    @BeforeAll
    static void start() throws Exception {
        world = new ProvisioningWorld(Files.createTempDirectory("drain"), HOST);
        TestControlPlanes.controllers(world.hostCluster);
        kubelet = new PlayedKubelets(world.client, PodLifecycle::start);
        kubelet.takeOver(HOST, Map.of("e2e/host", HOST));
        dpus = DpuFleet.apply(world, "drain", "drain-cluster", "drain", WAIT);
        world.verifiedBfb("drain-doca", ProvisioningWorld.image(2 << 20));
    }

    @AfterAll
    static void stop() {
        kubelet.close();
        world.close();
    }

    @Test
    @Order(1)
    void aBudgetHoldsTheDrainWithTheCardUntouchedAndTheInstallFollowsOnceTheBudgetIsRelaxed() {
        deployment("web", 1);
        budget("web-budget", "web", 1);
        String web = await("web runs on the host").atMost(WAIT).until(() -> podsOn(HOST, "web"),
                pods -> pods.size() == 1 && ready(pods.get(0))).get(0).getMetadata().getName();

        dpu("drain-dpu0", "0000:03:00.0", "{drain: {}}");
        await("the drain held by web-budget").atMost(WAIT).untilAsserted(() -> {
            assertThat(dpus.phase("drain-dpu0")).isEqualTo(DPUPhase.NODE_EFFECT);
            assertThat(dpus.condition("drain-dpu0", "Ready")).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getMessage()).startsWith("draining host Node " + HOST + " before the install: pod "
                        + NS + "/" + web + " (eviction refused by PodDisruptionBudget web-budget: 1 healthy, "
                        + "1 required, 0 disruptions allowed)");
            });
        });
        assertThat(node().getSpec().getUnschedulable()).as("cordoned").isTrue();
        await("the event, written in the background").atMost(WAIT).untilAsserted(() -> assertThat(warnings("drain-dpu0"))
                .contains("EvictionBlocked"));
        assertThat(world.host.dpu("0000:03:00.0").console()).as("the card is untouched")
                .noneMatch(l -> l.contains("receiving a boot stream"));

        // A provider restart while the drain is held loses nothing and starts nothing early.
        world.restartProvider();
        await("the restarted provider drains on").atMost(WAIT).during(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(dpus.phase("drain-dpu0")).isEqualTo(DPUPhase.NODE_EFFECT));
        assertThat(world.host.dpu("0000:03:00.0").console()).noneMatch(l -> l.contains("receiving a boot stream"));

        world.client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("web-budget").edit(b -> {
            b.getSpec().setMinAvailable(new IntOrString(0));
            return b;
        });
        dpus.awaitReady("drain-dpu0");
        assertThat(world.client.pods().inNamespace(NS).withName(web).get()).as("web evicted").isNull();
        assertThat(dpus.get("drain-dpu0").getStatus().getAtProvider().getAttempts()).isEqualTo(1);
        assertThat(DpuFleet.bootStreams(world.host.dpu("0000:03:00.0"))).as("one install").isEqualTo(1);
        assertThat(node().getSpec().getUnschedulable()).as("uncordoned once Ready").isNull();
        assertThat(node().getMetadata().getAnnotations()).doesNotContainKey("provisioning.dpuplane.io/node-effect-holders");
    }

    @Test
    @Order(2)
    void aFlavorChangeReprovisionsAReadyDpuWithItsHostDrainedAgain() {
        // Flavors are immutable: a change is a new flavor the DPU points to.
        dpus.flavor("drain-v2", "[hugepages=3072, iommu.passthrough=1]");
        world.client.resources(DPU.class).inNamespace(NS).withName("drain-dpu0").patch(
                PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"forProvider\":{\"flavorRef\":{\"name\":\"drain-v2\"}}}}");
        AtomicBoolean cordonedAgain = new AtomicBoolean();
        await("drain-dpu0 installed again").atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (Boolean.TRUE.equals(node().getSpec().getUnschedulable())) {
                cordonedAgain.set(true);
            }
            return DpuFleet.bootStreams(world.host.dpu("0000:03:00.0")) == 2 && dpus.isReady("drain-dpu0");
        });
        assertThat(cordonedAgain).as("the host cordoned again for the re-provisioning").isTrue();
        assertThat(node().getSpec().getUnschedulable()).as("and uncordoned once Ready").isNull();
    }

    @Test
    @Order(3)
    void twoDpusOfOneHostKeepItCordonedUntilBothAreReady() {
        world.host.dpu("0000:04:00.0").setFaults(DeviceFaults.none().withRshimThroughput(1 << 19));
        dpu("drain-dpu1", "0000:04:00.0", "{drain: {}}");
        dpu("drain-dpu2", "0000:05:00.0", "{drain: {}}");

        // A DPU lets go of the cordon in the reconcile that finds its Node joined, so the host may be uncordoned
        // only once both DPUs' Nodes are Ready in the DPU cluster (their status may trail by a reconcile).
        AtomicBoolean sawCordon = new AtomicBoolean();
        AtomicReference<String> uncordonedEarly = new AtomicReference<>();
        AtomicBoolean sawOneReadyWhileTheOtherInstalled = new AtomicBoolean();
        await("both DPUs Ready").atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            boolean cordoned = Boolean.TRUE.equals(node().getSpec().getUnschedulable());
            sawCordon.compareAndSet(false, cordoned);
            List<String> notJoined = Stream.of("0000:04:00.0", "0000:05:00.0").filter(pci -> !dpuNodeReady(pci))
                    .toList();
            if (sawCordon.get() && !cordoned && !notJoined.isEmpty()) {
                uncordonedEarly.compareAndSet(null, "host uncordoned while the DPUs at " + notJoined + " had not joined");
            }
            if (Stream.of("drain-dpu1", "drain-dpu2").anyMatch(dpus::installing)
                    && (dpus.isReady("drain-dpu1") || dpus.isReady("drain-dpu2"))) {
                sawOneReadyWhileTheOtherInstalled.set(true);
            }
            return dpus.isReady("drain-dpu1") && dpus.isReady("drain-dpu2");
        });
        assertThat(sawOneReadyWhileTheOtherInstalled).as("one DPU was Ready while the other still installed").isTrue();
        assertThat(uncordonedEarly.get()).isNull();
        assertThat(node().getSpec().getUnschedulable()).as("uncordoned with the last").isNull();
    }

    @Test
    @Order(4)
    void deletingDpusGivesTheHostBackAndRemovesTheirNodesFromTheDpuCluster() {
        // A pod no controller owns holds the drain; deleting the DPU lets the host go all the same.
        world.client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("scratch")
                .endMetadata().withNewSpec().withNodeName(HOST).addNewContainer().withName("main")
                .withImage("example.invalid/scratch:1").endContainer().endSpec().build()).create();
        dpu("drain-dpu3", "0000:06:00.0", "{drain: {timeout: 1s}}");
        await("the drain held by the bare pod, past its timeout").atMost(WAIT).untilAsserted(() -> assertThat(
                dpus.condition("drain-dpu3", "Ready")).hasValueSatisfying(c -> assertThat(c.getMessage())
                        .startsWith("drain of host Node " + HOST + " blocked for longer than drain.timeout 1s")
                        .contains("pod " + NS + "/scratch has no controller")));
        assertThat(node().getSpec().getUnschedulable()).isTrue();
        await("the event, written in the background").atMost(WAIT).untilAsserted(() -> assertThat(warnings("drain-dpu3"))
                .contains("DrainTimedOut"));
        assertThat(world.client.pods().inNamespace(NS).withName("scratch").get().getMetadata().getDeletionTimestamp())
                .as("never forced").isNull();

        // Decommissioned cards: powered off first, or their kubelets would register their Nodes again.
        for (String pci : List.of("0000:03:00.0", "0000:04:00.0", "0000:05:00.0")) {
            world.host.dpu(pci).powerOff();
        }
        List<String> names = List.of("drain-dpu0", "drain-dpu1", "drain-dpu2", "drain-dpu3");
        List<String> uids = names.stream().map(d -> dpus.get(d).getMetadata().getUid()).toList();
        for (String dpu : names) {
            world.client.resources(DPU.class).inNamespace(NS).withName(dpu).delete();
        }
        await("the DPUs gone").atMost(WAIT).until(() -> world.client.resources(DPU.class).inNamespace(NS).list()
                .getItems().stream().noneMatch(d -> d.getMetadata().getName().startsWith("drain-dpu")));
        assertThat(node().getSpec().getUnschedulable()).as("uncordoned").isNull();
        assertThat(node().getMetadata().getAnnotations()).doesNotContainKey("provisioning.dpuplane.io/node-effect-holders");
        assertThat(world.dpuCluster.client().nodes().list().getItems()).as("their Nodes gone from the DPU cluster")
                .noneMatch(n -> n.getMetadata().getName().startsWith(HOST + "-"));
        assertThat(world.dpuCluster.client().secrets().inNamespace("kube-system").list().getItems())
                .as("no join token of theirs left").noneMatch(s -> "bootstrap.kubernetes.io/token".equals(s.getType())
                        && s.getMetadata().getLabels() != null
                        && uids.contains(s.getMetadata().getLabels().get("dpuplane.io/dpu-uid")));
        world.client.pods().inNamespace(NS).withName("scratch").delete();
    }

    private static void dpu(String name, String pci, String nodeEffect) {
        dpus.dpu(name, pci, "drain-doca", nodeEffect);
    }

    private static void deployment(String name, int replicas) {
        world.client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata()
                .withName(name).endMetadata().withNewSpec().withReplicas(replicas).withNewSelector()
                .addToMatchLabels("app", name).endSelector().withNewTemplate().withNewMetadata().addToLabels("app", name)
                .endMetadata().withNewSpec().withNodeSelector(Map.of("e2e/host", HOST))
                .withTerminationGracePeriodSeconds(5L).addNewContainer().withName(name)
                .withImage("example.invalid/" + name + ":1").endContainer().endSpec().endTemplate().endSpec().build())
                .create();
    }

    private static void budget(String name, String app, int minAvailable) {
        world.client.policy().v1().podDisruptionBudget().inNamespace(NS).resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withMinAvailable(new IntOrString(minAvailable)).withNewSelector().addToMatchLabels("app", app)
                .endSelector().endSpec().build()).create();
    }

    private static List<Pod> podsOn(String node, String app) {
        return world.client.pods().inAnyNamespace().withField("spec.nodeName", node).withLabel("app", app).list()
                .getItems();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Node node() {
        return world.client.nodes().withName(HOST).get();
    }

    private static boolean dpuNodeReady(String pci) {
        Node node = world.dpuCluster.client().nodes().withName(HOST + "-" + pci.replace(':', '-').replace('.', '-'))
                .get();
        return node != null && node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus()
                .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static List<String> warnings(String dpu) {
        String uid = dpus.get(dpu).getMetadata().getUid();
        return world.client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> uid.equals(e.getInvolvedObject().getUid()) && "Warning".equals(e.getType()))
                .map(io.fabric8.kubernetes.api.model.Event::getReason).toList();
    }
}
