package io.dpuplane.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real controller-manager and scheduler turn a DaemonSet into one pod bound to each node. */
class ClusterControllersTest {

    @Test
    void aDaemonSetGetsOnePodBoundToEachNode() {
        TestControlPlane plane = TestControlPlanes.second();
        ClusterControllers controllers = TestControlPlanes.controllers(plane);
        KubernetesClient client = plane.client();
        for (String name : List.of("node-1", "node-2")) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                    .withNewStatus().withCapacity(Map.of("pods", new Quantity("110"), "cpu", new Quantity("8"),
                            "memory", new Quantity("16Gi")))
                    .withAllocatable(Map.of("pods", new Quantity("110"), "cpu", new Quantity("8"),
                            "memory", new Quantity("16Gi")))
                    .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                    .endStatus().build()).create();
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ds").endMetadata().build())
                .create();
        client.apps().daemonSets().inNamespace("ds").resource(new DaemonSetBuilder().withNewMetadata().withName("agent")
                .endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata().withNewSpec()
                .addNewContainer().withName("agent").withImage("example.invalid/agent:1").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();

        await("a pod bound to each node").atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                client.pods().inNamespace("ds").list().getItems()).extracting(boundNode())
                .containsExactlyInAnyOrder("node-1", "node-2"));
        assertThat(controllers.running()).isTrue();
    }

    private static java.util.function.Function<Pod, String> boundNode() {
        return pod -> pod.getSpec().getNodeName();
    }
}
