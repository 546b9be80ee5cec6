package io.dpuplane.agent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Pods bound to emulated nodes by the real scheduler and DaemonSet controller reach Running and Ready,
 * their deletion finishes, and pods of nodes nobody emulates stay Pending.
 */
class PodLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestControlPlane plane = TestControlPlanes.second();
    private final KubernetesClient client = plane.client();
    private final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private final String ns = "pods-" + id;

    @Test
    void aDaemonSetsPodsRunOnEmulatedNodesAndTheirDeletionFinishes() {
        TestControlPlanes.controllers(plane);
        List<String> emulated = List.of(node("a"), node("b"));
        String other = node("c");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        try (PodLifecycle lifecycle = PodLifecycle.start(client, emulated)) {
            client.apps().daemonSets().inNamespace(ns).resource(daemonSet()).create();

            await("a Running, Ready pod on each emulated node").atMost(WAIT).untilAsserted(() -> assertThat(pods())
                    .filteredOn(p -> p.getSpec().getNodeName() != null && emulated.contains(p.getSpec().getNodeName()))
                    .hasSize(2).allSatisfy(PodLifecycleTest::runningAndReady));
            Pod onA = pods().stream().filter(p -> emulated.get(0).equals(p.getSpec().getNodeName())).findFirst()
                    .orElseThrow();
            assertThat(onA.getStatus().getHostIP()).isEqualTo("10.0.0.1");
            assertThat(onA.getStatus().getPodIP()).startsWith("10.244.");
            assertThat(onA.getStatus().getContainerStatuses()).singleElement().satisfies(c -> {
                assertThat(c.getReady()).isTrue();
                assertThat(c.getState().getRunning().getStartedAt()).isNotNull();
            });
            await("the DaemonSet counts both pods ready").atMost(WAIT).untilAsserted(() -> {
                DaemonSet ds = client.apps().daemonSets().inNamespace(ns).withName("agent").get();
                assertThat(ds.getStatus().getNumberReady()).isEqualTo(2);
            });
            await("the pod on the node nobody emulates scheduled").atMost(WAIT)
                    .until(() -> pods().stream().anyMatch(p -> other.equals(p.getSpec().getNodeName())));
            Pod onOther = pods().stream().filter(p -> other.equals(p.getSpec().getNodeName())).findFirst().orElseThrow();
            assertThat(onOther.getStatus().getPhase()).as("a node nobody emulates").isEqualTo("Pending");

            client.pods().inNamespace(ns).withName(onA.getMetadata().getName()).delete();
            await("the deleted pod gone and replaced by a Running one").atMost(WAIT).untilAsserted(() -> {
                assertThat(pods()).extracting(p -> p.getMetadata().getName())
                        .doesNotContain(onA.getMetadata().getName());
                assertThat(pods()).filteredOn(p -> emulated.get(0).equals(p.getSpec().getNodeName()))
                        .singleElement().satisfies(PodLifecycleTest::runningAndReady);
            });
        }
    }

    @Test
    void aNodeThatJoinsLaterHasItsPodsPlayedFromTheSharedWatchIncludingThoseBoundBefore() {
        TestControlPlanes.controllers(plane);
        String early = node("d");
        String late = node("e");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        try (PodLifecycle lifecycle = PodLifecycle.forJoiningNodes(client)) {
            lifecycle.join(early);
            client.apps().daemonSets().inNamespace(ns).resource(daemonSet()).create();
            await("the joined node's pod Running").atMost(WAIT).untilAsserted(() -> assertThat(pods())
                    .filteredOn(p -> early.equals(p.getSpec().getNodeName())).singleElement()
                    .satisfies(PodLifecycleTest::runningAndReady));
            await("the other node's pod bound").atMost(WAIT)
                    .until(() -> pods().stream().anyMatch(p -> late.equals(p.getSpec().getNodeName())));
            assertThat(pods()).filteredOn(p -> late.equals(p.getSpec().getNodeName())).singleElement()
                    .satisfies(p -> assertThat(p.getStatus().getPhase()).as("not joined yet").isEqualTo("Pending"));

            lifecycle.join(late);

            await("its pod, bound before it joined, Running").atMost(WAIT).untilAsserted(() -> assertThat(pods())
                    .filteredOn(p -> late.equals(p.getSpec().getNodeName())).singleElement()
                    .satisfies(PodLifecycleTest::runningAndReady));
        }
    }

    private static void runningAndReady(Pod pod) {
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
        });
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(ns).list().getItems();
    }

    private String node(String suffix) {
        String name = "emu-" + suffix + "-" + id;
        Map<String, Quantity> capacity = Map.of("pods", new Quantity("110"), "cpu", new Quantity("8"),
                "memory", new Quantity("16Gi"));
        String ip = suffix.equals("a") ? "10.0.0.1" : "10.0.0." + (suffix.charAt(0) - 'a' + 1);
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(Map.of("run", id))
                .endMetadata().withNewStatus().withCapacity(capacity).withAllocatable(capacity)
                .addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                .endStatus().build()).create();
        return name;
    }

    private DaemonSet daemonSet() {
        return new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata().withNewSpec()
                .withNewSelector().addToMatchLabels("app", "agent").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata().withNewSpec()
                .withNodeSelector(Map.of("run", id))
                .addNewContainer().withName("agent").withImage("example.invalid/agent:1").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }
}
