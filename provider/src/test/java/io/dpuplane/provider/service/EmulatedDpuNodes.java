package io.dpuplane.provider.service;

import io.dpuplane.agent.emulator.PodLifecycle;
import io.fabric8.kubernetes.api.model.NodeBuilder;
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
 * DPU nodes of a real DPU cluster as emulated DPUs present them: Ready Nodes with room for pods, whose
 * Leases are renewed (so the node lifecycle controller keeps them untainted), and whose pods the agent's
 * {@link PodLifecycle} runs. Removed on close.
 */
final class EmulatedDpuNodes implements AutoCloseable {

    private final KubernetesClient cluster;
    private final List<String> names;
    private final PodLifecycle pods;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dpu-node-leases");
        thread.setDaemon(true);
        return thread;
    });

    EmulatedDpuNodes(KubernetesClient cluster, List<String> names, Map<String, String> labels) {
        this.cluster = cluster;
        this.names = List.copyOf(names);
        Map<String, Quantity> capacity = Map.of("pods", new Quantity("110"), "cpu", new Quantity("16"),
                "memory", new Quantity("32Gi"));
        for (int i = 0; i < names.size(); i++) {
            cluster.nodes().resource(new NodeBuilder().withNewMetadata().withName(names.get(i)).withLabels(labels)
                    .endMetadata().withNewStatus().withCapacity(capacity).withAllocatable(capacity)
                    .addNewAddress().withType("InternalIP").withAddress("192.0.2." + (i % 250 + 1)).endAddress()
                    .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                    .endCondition().endStatus().build()).create();
        }
        renewLeases();
        heartbeat.scheduleAtFixedRate(this::renewLeases, 10, 10, TimeUnit.SECONDS);
        this.pods = PodLifecycle.start(cluster, names);
    }

    List<String> names() {
        return names;
    }

    private void renewLeases() {
        var leases = cluster.leases().inNamespace("kube-node-lease");
        for (String name : names) {
            try {
                if (leases.withName(name).get() == null) {
                    leases.resource(new LeaseBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                            .withHolderIdentity(name).withLeaseDurationSeconds(40).withRenewTime(ZonedDateTime.now())
                            .endSpec().build()).create();
                } else {
                    leases.withName(name).edit(lease -> {
                        lease.getSpec().setRenewTime(ZonedDateTime.now());
                        return lease;
                    });
                }
            } catch (KubernetesClientException e) {
                // the next beat tries again
            }
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        pods.close();
        for (String name : names) {
            cluster.nodes().withName(name).delete();
            cluster.leases().inNamespace("kube-node-lease").withName(name).delete();
        }
    }
}
