package io.dpuplane.provider.chain;

import io.dpuplane.apis.provisioning.v1alpha1.DPUCluster;
import io.dpuplane.apis.provisioning.v1alpha1.DPUClusterParameters;
import io.dpuplane.apis.provisioning.v1alpha1.DPUClusterType;
import io.dpuplane.apis.provisioning.v1alpha1.SecretKeyReference;
import io.dpuplane.apis.svc.v1alpha1.ClusterTargets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reaches the DPU clusters a resource targets (DPUClusters in its namespace, by name or label selector),
 * each through the kubeconfig its Secret holds. Clients are kept per cluster and rebuilt when the Secret
 * changes, so a reconcile does not pay for a new connection.
 */
final class DpuClusters implements AutoCloseable {

    private final KubernetesClient host;
    private final Map<String, Cached> clients = new ConcurrentHashMap<>();

    /** A client built from one version of a kubeconfig Secret. */
    private record Cached(String secretVersion, KubernetesClient client) {
    }

    /** One DPU cluster: its client, or why there is none. */
    record Target(String name, KubernetesClient client, String problem) {

        boolean reachable() {
            return client != null;
        }
    }

    DpuClusters(KubernetesClient host) {
        this.host = host;
    }

    /** The clusters a resource in {@code namespace} targets; a named cluster that does not exist is a problem. */
    List<Target> targets(String namespace, ClusterTargets targets) {
        List<Target> out = new ArrayList<>();
        if (targets != null && targets.names() != null) {
            for (String name : targets.names()) {
                DPUCluster cluster = host.resources(DPUCluster.class).inNamespace(namespace).withName(name).get();
                out.add(cluster == null ? new Target(name, null, "DPUCluster " + namespace + "/" + name
                        + " does not exist") : connect(cluster));
            }
        } else if (targets != null && targets.selector() != null) {
            host.resources(DPUCluster.class).inNamespace(namespace).withLabelSelector(targets.selector()).list()
                    .getItems().stream().sorted(Comparator.comparing(c -> c.getMetadata().getName()))
                    .forEach(c -> out.add(connect(c)));
        }
        return out;
    }

    /** Every DPU cluster of the namespace, to find what a resource left in clusters it no longer targets. */
    List<Target> all(String namespace) {
        return host.resources(DPUCluster.class).inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(c -> c.getMetadata().getName())).map(this::connect).toList();
    }

    private Target connect(DPUCluster cluster) {
        String name = cluster.getMetadata().getName();
        String where = cluster.getMetadata().getNamespace() + "/" + name;
        DPUClusterParameters p = cluster.getSpec().getForProvider();
        if (p == null || p.type() != DPUClusterType.STATIC || p.kubeconfigSecretRef() == null) {
            return new Target(name, null, "DPUCluster " + where + " is not a static cluster with a kubeconfig Secret, "
                    + "the only kind this provider version reaches");
        }
        SecretKeyReference ref = p.kubeconfigSecretRef();
        String key = ref.key() == null ? "kubeconfig" : ref.key();
        Secret secret = host.secrets().inNamespace(cluster.getMetadata().getNamespace()).withName(ref.name()).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(key)) {
            return new Target(name, null, "kubeconfig Secret " + cluster.getMetadata().getNamespace() + "/" + ref.name()
                    + (secret == null ? " of DPUCluster " + name + " does not exist" : " has no key " + key));
        }
        String version = secret.getMetadata().getUid() + "/" + secret.getMetadata().getResourceVersion();
        Cached cached = clients.get(where);
        if (cached == null || !cached.secretVersion().equals(version)) {
            Config config = Config.fromKubeconfig(new String(Base64.getDecoder().decode(secret.getData().get(key)),
                    StandardCharsets.UTF_8));
            config.setRequestTimeout(10_000);
            config.setConnectionTimeout(5_000);
            Cached fresh = new Cached(version, new KubernetesClientBuilder().withConfig(config).build());
            Cached old = clients.put(where, fresh);
            if (old != null) {
                old.client().close();
            }
            cached = fresh;
        }
        return new Target(name, cached.client(), null);
    }

    @Override
    public void close() {
        clients.values().forEach(c -> c.client().close());
        clients.clear();
    }
}
