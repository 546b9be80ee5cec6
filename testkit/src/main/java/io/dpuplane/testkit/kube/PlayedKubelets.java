package io.dpuplane.testkit.kube;

import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What kubelets do for Nodes of a real API server that have none, so workloads can be scheduled there, run
 * and drained: each Node reports Ready with room for pods and an InternalIP, its Lease is renewed (so the
 * node lifecycle controller leaves it untainted), and its pods are run and finished by a {@link PodPlayer}.
 */
public final class PlayedKubelets implements AutoCloseable {

    private static final String LEASES = "kube-node-lease";
    private static final Map<String, Quantity> CAPACITY = Map.of("pods", new Quantity("110"), "cpu",
            new Quantity("16"), "memory", new Quantity("32Gi"));

    /** Runs and finishes the pods bound to some Nodes until closed, as the agent's {@code PodLifecycle} does. */
    @FunctionalInterface
    public interface PodPlayer {
        AutoCloseable start(KubernetesClient cluster, Collection<String> nodes);
    }

    private final KubernetesClient cluster;
    private final PodPlayer podPlayer;
    private final Set<String> nodes = ConcurrentHashMap.newKeySet();
    private final List<AutoCloseable> playedPods = new CopyOnWriteArrayList<>();
    private final AtomicInteger addresses = new AtomicInteger();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "played-kubelet-leases");
        thread.setDaemon(true);
        return thread;
    });

    public PlayedKubelets(KubernetesClient cluster, PodPlayer podPlayer) {
        this.cluster = cluster;
        this.podPlayer = podPlayer;
        heartbeat.scheduleAtFixedRate(this::renewLeases, 10, 10, TimeUnit.SECONDS);
    }

    /** Registers new Nodes with these labels, Ready, their pods played by one player (one watch). */
    public void register(List<String> names, Map<String, String> labels) {
        for (String name : names) {
            NodeStatus status = new NodeStatus();
            reportReady(status);
            cluster.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels)
                    .endMetadata().withStatus(status).build()).create();
        }
        play(names);
    }

    /** Plays the kubelet of a Node registered by someone else: adds these labels and reports it Ready. */
    public void takeOver(String name, Map<String, String> labels) {
        cluster.nodes().withName(name).edit(n -> {
            Map<String, String> merged = new HashMap<>(n.getMetadata().getLabels() == null ? Map.of()
                    : n.getMetadata().getLabels());
            merged.putAll(labels);
            n.getMetadata().setLabels(merged);
            return n;
        });
        cluster.nodes().withName(name).editStatus(n -> {
            if (n.getStatus() == null) {
                n.setStatus(new NodeStatus());
            }
            reportReady(n.getStatus());
            return n;
        });
        play(List.of(name));
    }

    /** The Nodes played, in no particular order. */
    public Set<String> nodes() {
        return Set.copyOf(nodes);
    }

    /** Deletes the played Nodes and their Leases, as decommissioning machines does. */
    public void removeNodes() {
        for (String name : nodes) {
            cluster.nodes().withName(name).delete();
            cluster.leases().inNamespace(LEASES).withName(name).delete();
        }
    }

    private void reportReady(NodeStatus status) {
        status.setCapacity(CAPACITY);
        status.setAllocatable(CAPACITY);
        status.setAddresses(new ArrayList<>(List.of(new NodeAddressBuilder().withType("InternalIP")
                .withAddress("192.0.2." + (addresses.getAndIncrement() % 250 + 1)).build())));
        status.setConditions(new ArrayList<>(List.of(new NodeConditionBuilder().withType("Ready")
                .withStatus("True").withReason("KubeletReady").build())));
    }

    private void play(List<String> names) {
        nodes.addAll(names);
        renewLeases();
        playedPods.add(podPlayer.start(cluster, names));
    }

    private void renewLeases() {
        var leases = cluster.leases().inNamespace(LEASES);
        for (String name : nodes) {
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

    /** Stops renewing Leases and playing pods; the Nodes stay (see {@link #removeNodes()}). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        for (AutoCloseable pods : playedPods) {
            try {
                pods.close();
            } catch (Exception e) {
                throw new IllegalStateException("stopping the played pods of " + nodes, e);
            }
        }
    }
}
