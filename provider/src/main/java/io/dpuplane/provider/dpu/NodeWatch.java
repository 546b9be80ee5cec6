package io.dpuplane.provider.dpu;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The Nodes of one DPU cluster, from a watch: a Node is read from the cache instead of a GET, and the DPU
 * following a Node is told the moment it turns Ready (or appears Ready), turns NotReady, or goes, so joining and
 * health need no fast polling. Heartbeats that change nothing of that tell no one. Until the watch has listed the
 * Nodes (or when it cannot: the cluster unreachable, no watch permission), a Node is read with a GET and the
 * watch is started again after a while.
 */
final class NodeWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeWatch.class);
    private static final Duration RESTART_AFTER = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final String cluster;
    private final Map<String, Runnable> followers = new ConcurrentHashMap<>();
    private SharedIndexInformer<Node> informer;
    private long startedNanos;

    NodeWatch(KubernetesClient client, String cluster) {
        this.client = client;
        this.cluster = cluster;
    }

    /** The Node by name: from the watch's cache once it has synced, else with a GET. */
    Optional<Node> node(String name) {
        SharedIndexInformer<Node> current = running();
        if (current != null && current.hasSynced()) {
            return Optional.ofNullable(current.getStore().getByKey(name));
        }
        return Optional.ofNullable(client.nodes().withName(name).get());
    }

    /** Whether changes of Nodes are being delivered (so followers need not poll fast). */
    boolean delivering() {
        SharedIndexInformer<Node> current = running();
        return current != null && current.hasSynced() && current.isWatching();
    }

    /** Runs {@code onChange} when the Node appears, goes, or its readiness changes; replaces an earlier follower. */
    void follow(String nodeName, Runnable onChange) {
        followers.put(nodeName, onChange);
    }

    void unfollow(String nodeName) {
        followers.remove(nodeName);
    }

    private synchronized SharedIndexInformer<Node> running() {
        if (informer != null && (informer.isRunning() || System.nanoTime() - startedNanos < RESTART_AFTER.toNanos())) {
            return informer;
        }
        if (informer != null) {
            informer.close();
        }
        startedNanos = System.nanoTime();
        informer = client.nodes().runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                // A Node that is not Ready yet tells its DPU nothing it can act on (a kubelet registers, then
                // reports Ready): the DPU hears it when it turns Ready, one reconcile and one status write for the
                // join, not two.
                if (DpuClusterAccess.ready(node)) {
                    tell(node);
                }
            }

            @Override
            public void onUpdate(Node before, Node after) {
                if (DpuClusterAccess.ready(before) != DpuClusterAccess.ready(after)) {
                    tell(after);
                }
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                tell(node);
            }
        });
        informer.start().whenComplete((ok, failed) -> {
            if (failed != null) {
                LOG.warnf("cannot watch the Nodes of DPU cluster %s (reading them one by one instead): %s", cluster,
                        failed.getMessage());
            }
        });
        return informer;
    }

    private void tell(Node node) {
        Runnable follower = followers.get(node.getMetadata().getName());
        if (follower != null) {
            follower.run();
        }
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
