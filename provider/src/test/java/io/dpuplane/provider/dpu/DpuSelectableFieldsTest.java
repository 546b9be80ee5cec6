package io.dpuplane.provider.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUObservation;
import io.dpuplane.apis.provisioning.v1alpha1.DPUPhase;
import io.dpuplane.apis.provisioning.v1alpha1.DPUStatus;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A DPU's phase and host are selectable fields, on a real API server: a fleet's failed DPUs, or one host's, are one
 * field-selected list, and a watch so selected hears only of the DPUs that match.
 */
class DpuSelectableFieldsTest {

    private static final String NS = "dpu-fields";

    @Test
    void dpusAreListedByHostAndPhaseAndASelectedWatchHearsOnlyOfTheMatchingOnes() throws Exception {
        KubernetesClient client = TestControlPlanes.host().client();
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).serverSideApply();
        create(client, "a", "host-1");
        create(client, "b", "host-1");
        create(client, "c", "host-2");
        List<String> heard = new CopyOnWriteArrayList<>();
        try (Watch watch = client.resources(DPU.class).inNamespace(NS).withField("status.atProvider.phase", "Ready")
                .watch(new Heard(heard))) {
            setPhase(client, "b", DPUPhase.OS_INSTALLING);
            setPhase(client, "c", DPUPhase.ERROR);
            setPhase(client, "a", DPUPhase.READY);

            assertThat(names(client.resources(DPU.class).inNamespace(NS).withField("spec.forProvider.hostNode", "host-1")
                    .list().getItems())).containsExactlyInAnyOrder("a", "b");
            assertThat(names(client.resources(DPU.class).inNamespace(NS).withField("status.atProvider.phase", "Error")
                    .list().getItems())).containsExactly("c");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(heard).containsExactly("ADDED a"));
            // Another update of a DPU that does not match (a progress report) is not sent to the watch.
            setPhase(client, "b", DPUPhase.REBOOTING);
            setPhase(client, "a", DPUPhase.ERROR);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(heard)
                    .containsExactly("ADDED a", "DELETED a"));
        }
    }

    private static DPU create(KubernetesClient client, String name, String host) {
        return client.resource(Serialization.unmarshal("""
                {"apiVersion": "provisioning.dpuplane.io/v1alpha1", "kind": "DPU",
                 "metadata": {"name": "%s", "namespace": "%s"},
                 "spec": {"forProvider": {"hostNode": "%s", "pciAddress": "0000:03:00.0", "bfbRef": {"name": "bfb"},
                  "flavorRef": {"name": "flavor"}, "dpuClusterRef": {"name": "cluster"}}}}
                """.formatted(name, NS, host), DPU.class)).create();
    }

    private static void setPhase(KubernetesClient client, String name, DPUPhase phase) {
        DPU dpu = client.resources(DPU.class).inNamespace(NS).withName(name).get();
        DPUObservation at = new DPUObservation();
        at.setPhase(phase);
        dpu.setStatus(new DPUStatus());
        dpu.getStatus().setAtProvider(at);
        client.resource(dpu).updateStatus();
    }

    private static List<String> names(List<DPU> dpus) {
        return dpus.stream().map(d -> d.getMetadata().getName()).toList();
    }

    private record Heard(List<String> events) implements Watcher<DPU> {
        @Override
        public void eventReceived(Action action, DPU dpu) {
            events.add(action + " " + dpu.getMetadata().getName());
        }

        @Override
        public void onClose(WatcherException cause) {
        }
    }
}
