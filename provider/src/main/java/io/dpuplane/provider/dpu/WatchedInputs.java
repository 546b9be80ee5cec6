package io.dpuplane.provider.dpu;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects every DPU reconcile reads (its BFB, flavor, DPU cluster and host's DPUNode) served from watches
 * instead of GETs per reconcile; an object the watch has not delivered yet is read from the API server. The
 * kubeconfig and agent-credential Secrets are read with GETs, at most every few seconds (see {@link #secret}).
 * Objects from the watches are shared: read them, never change them.
 */
final class WatchedInputs implements AutoCloseable {

    static final Duration SECRET_FRESHNESS = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final Duration secretFreshness;
    private final Map<Class<?>, SharedIndexInformer<?>> byKind = new ConcurrentHashMap<>();
    private final Map<String, ReadSecret> secrets = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    WatchedInputs(KubernetesClient client) {
        this(client, SECRET_FRESHNESS);
    }

    WatchedInputs(KubernetesClient client, Duration secretFreshness) {
        this.client = client;
        this.secretFreshness = secretFreshness;
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
     * The Secret, or {@code null}: read from the API server at most once per {@link #SECRET_FRESHNESS} (every DPU
     * of a fleet reads the same kubeconfig and agent-credential Secrets; 1,000 DPUs reading both on every
     * reconcile made them most of the provider's requests). When the read is due, one worker reads and the others
     * go on with the last read meanwhile: a hundred workers each reading it at once did a thousand GETs in a
     * 1,000-DPU run. Watching even one Secret by name takes list and watch on every Secret, which the provider's
     * least-privilege role does not grant (package/rbac).
     */
    Secret secret(String namespace, String name) {
        String key = namespace + "/" + name;
        ReadSecret read = secrets.get(key);
        long now = System.nanoTime();
        if (read != null && now - read.atNanos() <= secretFreshness.toNanos()) {
            return read.secret();
        }
        boolean reading = refreshing.add(key);
        if (!reading && read != null) {
            return read.secret();
        }
        try {
            read = new ReadSecret(client.secrets().inNamespace(namespace).withName(name).get(), System.nanoTime());
            secrets.put(key, read);
            return read.secret();
        } finally {
            if (reading) {
                refreshing.remove(key);
            }
        }
    }

    /** A Secret as read (or {@code null}: not there) and when. */
    private record ReadSecret(Secret secret, long atNanos) {
    }

    @Override
    public void close() {
        byKind.values().forEach(SharedIndexInformer::close);
    }
}
