package io.dpuplane.provider.cluster;

import io.dpuplane.apis.provisioning.v1alpha1.DPUCluster;
import io.dpuplane.apis.provisioning.v1alpha1.DPUClusterParameters;
import io.dpuplane.apis.provisioning.v1alpha1.DPUClusterType;
import io.dpuplane.apis.provisioning.v1alpha1.SecretKeyReference;
import io.dpuplane.apis.svc.v1alpha1.ClusterTargets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DPU clusters a resource targets (DPUClusters in its namespace, by name or label selector), each with
 * a client and its kubeconfig as a private file (for the Helm SDK), kept per cluster so a reconcile does not
 * pay for a new connection, and rebuilt when the kubeconfig Secret changes. Concurrent reconciles share one
 * client; a client of an older Secret is retired rather than closed, since a reconcile may still use it.
 */
public final class DpuClusterTargets implements AutoCloseable {

    private final KubernetesClient host;
    private final Path dir;
    private final Map<String, Access> access = new ConcurrentHashMap<>();
    private final List<Access> retired = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One version of a cluster's kubeconfig Secret: the kubeconfig, its file and a client. */
    public record Access(String secretVersion, String kubeconfig, Path kubeconfigFile, KubernetesClient client) {
    }

    /** A target cluster: how to reach it, or why it cannot be. */
    public record Target(String name, Access access, String problem) {

        public boolean reachable() {
            return access != null;
        }

        /** The cluster's client; only for a reachable target. */
        public KubernetesClient client() {
            return access.client();
        }
    }

    public DpuClusterTargets(KubernetesClient host) {
        this.host = host;
        try {
            this.dir = Files.createTempDirectory("dpuservice-kubeconfigs",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private directory for DPU cluster kubeconfigs", e);
        }
    }

    /** The clusters a resource in {@code namespace} targets; a named cluster that does not exist is a problem. */
    public List<Target> targets(String namespace, ClusterTargets targets) {
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

    /** Every DPU cluster of the namespace, to clean up where a resource is no longer targeted. */
    public List<Target> all(String namespace) {
        return host.resources(DPUCluster.class).inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(c -> c.getMetadata().getName())).map(this::connect).toList();
    }

    private Target connect(DPUCluster cluster) {
        String name = cluster.getMetadata().getName();
        String ns = cluster.getMetadata().getNamespace();
        DPUClusterParameters p = cluster.getSpec().getForProvider();
        if (p == null || p.type() != DPUClusterType.STATIC || p.kubeconfigSecretRef() == null) {
            return new Target(name, null, "DPUCluster " + ns + "/" + name + " is not a static cluster with a "
                    + "kubeconfig Secret, the only kind this provider version reaches");
        }
        SecretKeyReference ref = p.kubeconfigSecretRef();
        String key = ref.key() == null ? "kubeconfig" : ref.key();
        Secret secret = host.secrets().inNamespace(ns).withName(ref.name()).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(key)) {
            return new Target(name, null, "kubeconfig Secret " + ns + "/" + ref.name()
                    + (secret == null ? " of DPUCluster " + name + " does not exist" : " has no key " + key));
        }
        String version = secret.getMetadata().getUid() + "/" + secret.getMetadata().getResourceVersion();
        String where = ns + "/" + name;
        Access current = access.get(where);
        if (current == null || !current.secretVersion().equals(version)) {
            String kubeconfig = new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
            current = open(where, version, kubeconfig);
        }
        return new Target(name, current, null);
    }

    private synchronized Access open(String where, String version, String kubeconfig) {
        Access current = access.get(where);
        if (current != null && current.secretVersion().equals(version)) {
            return current;
        }
        try {
            Path file = dir.resolve(where.replace('/', '_') + "-" + Integer.toHexString(version.hashCode()) + ".yaml");
            Files.writeString(file, kubeconfig);
            Config config = Config.fromKubeconfig(kubeconfig);
            config.setRequestTimeout(10_000);
            config.setConnectionTimeout(5_000);
            Access fresh = new Access(version, kubeconfig, file, new KubernetesClientBuilder().withConfig(config).build());
            Access old = access.put(where, fresh);
            if (old != null) {
                retired.add(old);
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kubeconfig of DPUCluster " + where, e);
        }
    }

    @Override
    public void close() {
        for (Access a : java.util.stream.Stream.concat(access.values().stream(), retired.stream()).toList()) {
            a.client().close();
            a.kubeconfigFile().toFile().delete();
        }
        access.clear();
        retired.clear();
    }
}
