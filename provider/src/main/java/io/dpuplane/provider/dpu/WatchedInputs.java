package io.dpuplane.provider.dpu;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects every DPU reconcile reads (its BFB, flavor, DPU cluster and host's DPUNode) served from watches
 * instead of GETs per reconcile; an object the watch has not delivered yet is read from the API server. The
 * kubeconfig and agent-credential Secrets are read with GETs (see {@link #secret}).
 * Objects from the watches are shared: read them, never change them.
 */
final class WatchedInputs implements AutoCloseable {

    private final KubernetesClient client;
    private final Map<Class<?>, SharedIndexInformer<?>> byKind = new ConcurrentHashMap<>();

    WatchedInputs(KubernetesClient client) {
        this.client = client;
    }

    KubernetesClient client() {
        return client;
    }

    /** The namespaced object of this kind, or {@code null}. */
    @SuppressWarnings("unchecked")
    <T extends HasMetadata> T get(Class<T> kind, String namespace, String name) {
        SharedIndexInformer<T> informer = (SharedIndexInformer<T>) byKind.computeIfAbsent(kind,
                k -> client.resources(kind).inAnyNamespace().inform());
        T cached = informer.getStore().getByKey(namespace + "/" + name);
        return cached != null ? cached : client.resources(kind).inNamespace(namespace).withName(name).get();
    }

    /**
     * The Secret, or {@code null}: always read from the API server. Watching even one Secret by name takes list
     * and watch on every Secret, which the provider's least-privilege role does not grant (package/rbac).
     */
    Secret secret(String namespace, String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    @Override
    public void close() {
        byKind.values().forEach(SharedIndexInformer::close);
    }
}
