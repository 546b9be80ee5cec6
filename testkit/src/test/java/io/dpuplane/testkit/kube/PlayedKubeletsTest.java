package io.dpuplane.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Played kubelets make Nodes of a real API server Ready, with a Lease each and their pods played. */
@WithKubeApiServer
class PlayedKubeletsTest {

    private final List<List<String>> playedPodsOf = new ArrayList<>();
    private final AtomicInteger stoppedPodPlayers = new AtomicInteger();

    private AutoCloseable playPods(KubernetesClient cluster, Collection<String> nodes) {
        playedPodsOf.add(List.copyOf(nodes));
        return stoppedPodPlayers::incrementAndGet;
    }

    @Test
    void registeredNodesAreReadyWithALeaseAndOnePodPlayerAndAreGoneOnceRemoved(KubernetesClient client) {
        PlayedKubelets kubelets = new PlayedKubelets(client, this::playPods);
        kubelets.register(List.of("played-1", "played-2"), Map.of("test", "played"));

        for (String name : List.of("played-1", "played-2")) {
            Node node = client.nodes().withName(name).get();
            assertThat(node.getMetadata().getLabels()).containsEntry("test", "played");
            assertReady(node);
            assertThat(client.leases().inNamespace("kube-node-lease").withName(name).get().getSpec()
                    .getHolderIdentity()).isEqualTo(name);
        }
        assertThat(playedPodsOf).containsExactly(List.of("played-1", "played-2"));

        kubelets.close();
        kubelets.removeNodes();
        assertThat(stoppedPodPlayers).hasValue(1);
        assertThat(client.nodes().withName("played-1").get()).isNull();
        assertThat(client.leases().inNamespace("kube-node-lease").withName("played-2").get()).isNull();
    }

    @Test
    void aNodeRegisteredBySomeoneElseIsTakenOverKeepingItsLabels(KubernetesClient client) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("taken-over")
                .addToLabels("kubernetes.io/hostname", "taken-over").endMetadata().build()).create();
        try (PlayedKubelets kubelets = new PlayedKubelets(client, this::playPods)) {
            kubelets.takeOver("taken-over", Map.of("e2e/host", "taken-over"));

            Node node = client.nodes().withName("taken-over").get();
            assertThat(node.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", "taken-over")
                    .containsEntry("e2e/host", "taken-over");
            assertReady(node);
            assertThat(client.leases().inNamespace("kube-node-lease").withName("taken-over").get()).isNotNull();
            assertThat(playedPodsOf).containsExactly(List.of("taken-over"));
            assertThat(kubelets.nodes()).containsExactly("taken-over");
        }
    }

    private static void assertReady(Node node) {
        assertThat(node.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        assertThat(node.getStatus().getAllocatable()).containsKey("pods");
        assertThat(node.getStatus().getAddresses()).anySatisfy(a -> assertThat(a.getType()).isEqualTo("InternalIP"));
    }
}
