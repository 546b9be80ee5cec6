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

    private PodLifecycle(KubernetesClient cluster, Collection<String> nodes) {
        this.cluster = cluster;
        this.nodes = Set.copyOf(nodes);
        this.statuses = new PodLifecycleStatus(cluster);
        var pods = cluster.pods().inAnyNamespace();
        // One node (an emulated DPU) watches only its own pods; a set of nodes shares one watch.
        this.informer = (this.nodes.size() == 1 ? pods.withField("spec.nodeName", this.nodes.iterator().next()) : pods)
                .inform(new Handler(), 0);
    }

    /** Starts playing the pods of these nodes of a cluster; stops with {@link #close()}. */
    public static PodLifecycle start(KubernetesClient cluster, Collection<String> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("pod lifecycle needs at least one node");
        }
        return new PodLifecycle(cluster, nodes);
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
