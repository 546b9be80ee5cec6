package io.dpuplane.provider.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** A DPU cluster's Nodes are counted on a real API server with a list of one. */
class DpuClusterNodeCountTest {

    @Test
    void theNodesAreCountedWithoutListingThemAll() {
        KubernetesClient cluster = TestControlPlanes.second().client();
        for (int i = 0; i < 5; i++) {
            cluster.nodes().resource(new NodeBuilder().withNewMetadata().withName("count-me-" + i).endMetadata().build())
                    .createOr(n -> n.update());
        }

        assertThat(DpuClusterConnector.nodeCount(cluster)).isEqualTo(cluster.nodes().list().getItems().size())
                .isGreaterThanOrEqualTo(5);
    }
}
