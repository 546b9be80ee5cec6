package io.dpuplane.agent.emulator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The part of a kubelet an emulated DPU node needs for workloads, as kwok plays it for fake nodes: a pod
 * bound to one of its nodes is reported Running and Ready (phase, conditions, container statuses, pod and
 * host IPs), and a pod being deleted there is finished, since no container has to stop. No container runs.
 */
public final class PodLifecycle implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PodLifecycle.class);

    private final KubernetesClient cluster;
    private final Set<String> nodes;
    private final PodLifecycleStatus statuses;
    private final ExecutorService writers = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "pod-lifecycle");
        thread.setDaemon(true);
        return thread;
    });
    /** Pods with a write queued, so a burst of events on one pod makes one write. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final SharedIndexInformer<Pod> informer;

    private PodLifecycle(KubernetesClient cluster, Collection<String> nodes, boolean joining) {
        this.cluster = cluster;
        this.nodes = ConcurrentHashMap.newKeySet();
        this.nodes.addAll(nodes);
        this.statuses = new PodLifecycleStatus(cluster);
        var pods = cluster.pods().inAnyNamespace();
        // One node (an emulated DPU) watches only its own pods; a set of nodes, or nodes yet to join, share one watch.
        this.informer = (!joining && this.nodes.size() == 1
                ? pods.withField("spec.nodeName", this.nodes.iterator().next()) : pods).inform(new Handler(), 0);
    }

    /** Starts playing the pods of these nodes of a cluster; stops with {@link #close()}. */
    public static PodLifecycle start(KubernetesClient cluster, Collection<String> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("pod lifecycle needs at least one node");
        }
        return new PodLifecycle(cluster, nodes, false);
    }

    /**
     * Starts playing the pods of nodes that {@link #join} later, with one watch for all of them (as kwok's controller
     * does): a watch per emulated kubelet costs a connection and a TLS handshake each, and hundreds of cards joining
     * at once made their process's event loops the bottleneck of the joins.
     */
    public static PodLifecycle forJoiningNodes(KubernetesClient cluster) {
        return new PodLifecycle(cluster, java.util.List.of(), true);
    }

    /** A node joined: its pods are played from now on, those bound to it already included. */
    public void join(String node) {
        if (nodes.add(node)) {
            informer.getStore().list().stream().filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
                    .forEach(this::offer);
        }
    }

    /** A node left (its kubelet stopped): its pods are left as they are. */
    public void leave(String node) {
        nodes.remove(node);
    }

    private final class Handler implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            offer(pod);
        }

        @Override
        public void onUpdate(Pod before, Pod pod) {
            offer(pod);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
        }
    }

    private void offer(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (node == null || !nodes.contains(node) || !statuses.needsWork(pod)) {
            return;
        }
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        if (queued.add(key)) {
            writers.submit(() -> {
                queued.remove(key);
                play(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
            });
        }
    }

    private void play(String namespace, String name) {
        try {
            Pod pod = cluster.pods().inNamespace(namespace).withName(name).get();
            if (pod == null || !statuses.needsWork(pod)) {
                return;
            }
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                // What the kubelet does once the containers stopped: the final delete, without grace.
                cluster.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
            } else {
                cluster.pods().inNamespace(namespace).withName(name).editStatus(statuses::running);
            }
        } catch (KubernetesClientException e) {
            // A conflict or a pod gone meanwhile: the next event on it brings it back.
            LOG.debugf("pod %s/%s: %s", namespace, name, e.getMessage());
        }
    }

    @Override
    public void close() {
        informer.close();
        writers.shutdown();
        try {
            writers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
