package io.dpuplane.e2e.provisioning;

import io.dpuplane.agent.emulator.PodLifecycle;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a kubelet does for the emulated host's Node in the host cluster, so workloads can run there and be
 * drained: the Node reports Ready with room for pods, its Lease is renewed (the node lifecycle controller
 * leaves it untainted), and its pods are run and finished by the agent's {@link PodLifecycle}. The Node gets
 * the label {@code e2e/host=<name>} for workloads to select it.
 */
final class KubeletOfHost implements AutoCloseable {

    private final KubernetesClient client;
    private final String node;
    private final PodLifecycle pods;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "host-node-lease");
        thread.setDaemon(true);
        return thread;
    });

    KubeletOfHost(KubernetesClient client, String node) {
        this.client = client;
        this.node = node;
        client.nodes().withName(node).edit(n -> {
            Map<String, String> labels = new java.util.HashMap<>(n.getMetadata().getLabels() == null ? Map.of()
                    : n.getMetadata().getLabels());
            labels.put("e2e/host", node);
            n.getMetadata().setLabels(labels);
            return n;
        });
        Map<String, Quantity> capacity = Map.of("pods", new Quantity("110"), "cpu", new Quantity("16"),
                "memory", new Quantity("32Gi"));
        client.nodes().withName(node).editStatus(n -> {
            n.getStatus().setCapacity(capacity);
            n.getStatus().setAllocatable(capacity);
            n.getStatus().setConditions(List.of(new NodeConditionBuilder().withType("Ready").withStatus("True")
                    .withReason("KubeletReady").build()));
            return n;
        });
        renewLease();
        heartbeat.scheduleAtFixedRate(this::renewLease, 10, 10, TimeUnit.SECONDS);
        pods = PodLifecycle.start(client, List.of(node));
    }

    private void renewLease() {
        var leases = client.leases().inNamespace("kube-node-lease");
        try {
            if (leases.withName(node).get() == null) {
                leases.resource(new LeaseBuilder().withNewMetadata().withName(node).endMetadata().withNewSpec()
                        .withHolderIdentity(node).withLeaseDurationSeconds(40).withRenewTime(ZonedDateTime.now())
                        .endSpec().build()).create();
            } else {
                leases.withName(node).edit(lease -> {
                    lease.getSpec().setRenewTime(ZonedDateTime.now());
                    return lease;
                });
            }
        } catch (KubernetesClientException e) {
            // the next beat tries again
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        pods.close();
    }
}
