package io.dpuplane.agent.dpu.sync;

import io.dpuplane.agent.dpu.port.PodPorts;
import io.dpuplane.apis.sfc.v1alpha1.IPPool;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Watches what this node's agent works from: the ServiceInterfaces, ServiceChains and IPPools labelled for
 * the node, and the network functions' pods scheduled to it. Any change that matters (not a status write)
 * calls {@code onChange}; {@link #view()} reads the current state from the caches.
 */
final class NodeObjects implements AutoCloseable {

    private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
    private static final long SYNC_TIMEOUT_SECONDS = 60;

    private final KubernetesClient client;
    private final String node;
    private final Runnable onChange;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private SharedIndexInformer<ServiceInterface> interfaces;
    private SharedIndexInformer<ServiceChain> chains;
    private SharedIndexInformer<IPPool> pools;
    private SharedIndexInformer<Pod> pods;

    NodeObjects(KubernetesClient client, String node, Runnable onChange) {
        this.client = client;
        this.node = node;
        this.onChange = onChange;
    }

    void start() {
        interfaces = inform(ofNode(ServiceInterface.class));
        chains = inform(ofNode(ServiceChain.class));
        pools = inform(ofNode(IPPool.class));
        pods = inform(client.pods().inAnyNamespace().withField("spec.nodeName", node).withLabel(PodPorts.SERVICE_LABEL));
        for (SharedIndexInformer<?> informer : informers) {
            try {
                informer.start().toCompletableFuture().get(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot list " + informer.getApiTypeClass().getSimpleName()
                        + " of node " + node + " from the DPU cluster: " + e.getMessage(), e);
            }
        }
    }

    private <T extends HasMetadata> FilterWatchListDeletable<T, ?, ?> ofNode(Class<T> type) {
        var all = client.resources(type).inAnyNamespace();
        return LABEL_VALUE.matcher(node).matches() && node.length() <= 63 ? all.withLabel(Sfc.NODE_LABEL, node) : all;
    }

    private <T extends HasMetadata> SharedIndexInformer<T> inform(FilterWatchListDeletable<T, ?, ?> source) {
        SharedIndexInformer<T> informer = source.runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
                onChange.run();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                if (matters(oldObj.getMetadata(), newObj.getMetadata())) {
                    onChange.run();
                }
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                onChange.run();
            }
        });
        informers.add(informer);
        return informer;
    }

    /** A spec change (generation), a label change or a deletion matters; a status write does not. */
    private static boolean matters(ObjectMeta before, ObjectMeta after) {
        return !Objects.equals(before.getGeneration(), after.getGeneration())
                || !Objects.equals(before.getLabels(), after.getLabels())
                || !Objects.equals(before.getDeletionTimestamp(), after.getDeletionTimestamp())
                || !Objects.equals(before.getUid(), after.getUid());
    }

    NodeView view() {
        return new NodeView(
                mine(interfaces, si -> si.getSpec() == null ? null : si.getSpec().getNode()),
                mine(chains, c -> c.getSpec() == null ? null : c.getSpec().node()),
                mine(pools, p -> p.getSpec() == null ? null : p.getSpec().node()),
                List.copyOf(pods.getStore().list()));
    }

    private <T> List<T> mine(SharedIndexInformer<T> informer, Function<T, String> nodeOf) {
        return informer.getStore().list().stream().filter(o -> node.equals(nodeOf.apply(o))).toList();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::stop);
    }
}
