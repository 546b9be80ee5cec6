package io.dpuplane.provider.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The DPU cluster's Node watch on a real API server: a DPU following its Node hears it join, turn Ready or
 * NotReady, and go, and does not hear the heartbeats in between; Nodes are read from the watch's cache.
 */
class NodeWatchTest {

    private final KubernetesClient cluster = TestControlPlanes.second().client();
    private final NodeWatch watch = new NodeWatch(cluster, "second");

    @AfterEach
    void stop() {
        watch.close();
    }

    @Test
    void aDpuHearsItsNodeTurnReadyAndNotReadyButNotItsRegistrationNorItsHeartbeats() {
        AtomicInteger told = new AtomicInteger();
        AtomicInteger last = new AtomicInteger();
        cluster.resource(new NodeBuilder().withNewMetadata().withName("nw-last").endMetadata().build()).create();
        watch.follow("nw-joining", told::incrementAndGet);
        watch.follow("nw-last", last::incrementAndGet);
        awaitDelivering();

        cluster.resource(new NodeBuilder().withNewMetadata().withName("nw-joining").endMetadata().build()).create();
        heartbeat("nw-joining", "True", Instant.now());
        await().atMost(Duration.ofSeconds(10)).until(() -> told.get() >= 1);
        heartbeat("nw-joining", "True", Instant.now().plusSeconds(10));
        heartbeat("nw-joining", "True", Instant.now().plusSeconds(20));
        heartbeat("nw-joining", "False", Instant.now().plusSeconds(30));
        // Events are told in order: once the removal of nw-last is heard, everything before it has been.
        cluster.nodes().withName("nw-last").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> last.get() == 1);

        assertThat(told).as("Ready and NotReady; not the registration (not Ready yet), not the heartbeats").hasValue(2);
        assertThat(watch.node("nw-joining")).hasValueSatisfying(n -> assertThat(DpuClusterAccess.ready(n)).isFalse());
    }

    @Test
    void aNodeIsReadFromTheCacheAndItsRemovalIsHeard() {
        cluster.resource(new NodeBuilder().withNewMetadata().withName("nw-leaving").endMetadata().build()).create();
        AtomicInteger told = new AtomicInteger();
        awaitDelivering();
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.node("nw-leaving").isPresent());
        watch.follow("nw-leaving", told::incrementAndGet);

        cluster.nodes().withName("nw-leaving").delete();

        await().atMost(Duration.ofSeconds(10)).until(() -> told.get() == 1);
        assertThat(watch.node("nw-leaving")).isEmpty();
        watch.unfollow("nw-leaving");
        cluster.resource(new NodeBuilder().withNewMetadata().withName("nw-leaving").endMetadata().build()).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.node("nw-leaving").isPresent());
        assertThat(told).as("no longer followed").hasValue(1);
    }

    private void awaitDelivering() {
        watch.node("nw-none");
        await().atMost(Duration.ofSeconds(20)).until(watch::delivering);
    }

    private void heartbeat(String name, String ready, Instant at) {
        Node node = cluster.nodes().withName(name).get();
        node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
        node.getStatus().getConditions().add(new NodeConditionBuilder().withType("Ready").withStatus(ready)
                .withReason("KubeletReady").withLastHeartbeatTime(at.toString()).withLastTransitionTime(at.toString())
                .build());
        cluster.nodes().resource(node).updateStatus();
    }
}
