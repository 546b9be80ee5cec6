package io.dpuplane.provider.cluster;

import io.dpuplane.apis.provisioning.v1alpha1.DPUCluster;
import io.dpuplane.apis.provisioning.v1alpha1.DPUClusterObservation;
import io.dpuplane.apis.provisioning.v1alpha1.DPUClusterParameters;
import io.dpuplane.apis.provisioning.v1alpha1.DPUClusterType;
import io.dpuplane.apis.provisioning.v1alpha1.SecretKeyReference;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.managed.ExternalClient;
import io.dpuplane.runtime.managed.ExternalConnector;
import io.dpuplane.runtime.managed.ExternalCreation;
import io.dpuplane.runtime.managed.ExternalObservation;
import io.dpuplane.runtime.managed.ExternalUpdate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

/**
 * A static DPUCluster: the cluster a user runs, reached through the kubeconfig in a Secret. Observe checks it
 * answers, records its version and node count, and publishes the kubeconfig as connection details for the
 * resources (and other providers) that deploy into it. Nothing is created or deleted.
 */
public final class DpuClusterConnector implements ExternalConnector<DPUCluster> {

    private final KubernetesClient client;
    private final Conditions conditions = new Conditions(Clock.systemUTC());

    public DpuClusterConnector(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public ExternalClient<DPUCluster> connect(DPUCluster resource, GenericKubernetesResource providerConfig) {
        DPUClusterParameters p = resource.getSpec().getForProvider();
        if (p.type() != DPUClusterType.STATIC) {
            throw new IllegalStateException("DPUCluster type " + p.type() + " is not supported by this provider "
                    + "version: use type static with a kubeconfig Secret");
        }
        return new StaticCluster();
    }

    private final class StaticCluster implements ExternalClient<DPUCluster> {

        @Override
        public ExternalObservation observe(DPUCluster cluster) {
            SecretKeyReference ref = cluster.getSpec().getForProvider().kubeconfigSecretRef();
            String key = ref.key() == null ? "kubeconfig" : ref.key();
            String where = cluster.getMetadata().getNamespace() + "/" + ref.name();
            Secret secret = client.secrets().inNamespace(cluster.getMetadata().getNamespace()).withName(ref.name()).get();
            DPUClusterObservation at = observation(cluster);
            if (secret == null || secret.getData() == null || !secret.getData().containsKey(key)) {
                at.setReachable(false);
                Conditions.mark(cluster, conditions.unavailable(secret == null ? "kubeconfig Secret " + where
                        + " does not exist" : "kubeconfig Secret " + where + " has no key " + key));
                return ExternalObservation.upToDate(Map.of());
            }
            byte[] kubeconfig = Base64.getDecoder().decode(secret.getData().get(key));
            Config config = Config.fromKubeconfig(new String(kubeconfig, StandardCharsets.UTF_8));
            config.setRequestTimeout(10_000);
            config.setConnectionTimeout(5_000);
            at.setEndpoint(config.getMasterUrl());
            try (KubernetesClient dpuCluster = new KubernetesClientBuilder().withConfig(config).build()) {
                at.setKubernetesVersion(dpuCluster.getKubernetesVersion().getGitVersion());
                at.setNodeCount(nodeCount(dpuCluster));
                at.setReachable(true);
                Conditions.mark(cluster, conditions.available());
            } catch (RuntimeException e) {
                at.setReachable(false);
                Conditions.mark(cluster, conditions.unavailable("cannot reach the DPU cluster at " + config.getMasterUrl()
                        + ": " + rootMessage(e)));
            }
            return ExternalObservation.upToDate(Map.of("kubeconfig", kubeconfig,
                    "endpoint", config.getMasterUrl().getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public ExternalCreation create(DPUCluster cluster) {
            return ExternalCreation.none();
        }

        @Override
        public ExternalUpdate update(DPUCluster cluster) {
            return ExternalUpdate.none();
        }

        @Override
        public void delete(DPUCluster cluster) {
            // a static cluster belongs to the user; dpuplane only stops using it
        }
    }

    /**
     * How many Nodes the cluster has, from a list of one: the API server says how many more there are
     * ({@code remainingItemCount}), so a cluster of thousands of DPUs is counted without listing them all.
     */
    static int nodeCount(KubernetesClient cluster) {
        var page = cluster.nodes().list(new ListOptionsBuilder().withLimit(1L).build());
        Long more = page.getMetadata() == null ? null : page.getMetadata().getRemainingItemCount();
        if (more == null && page.getMetadata() != null && page.getMetadata().getContinue() != null
                && !page.getMetadata().getContinue().isEmpty()) {
            // The server did not count (it may not, with a continue token): list them after all.
            return cluster.nodes().list().getItems().size();
        }
        return page.getItems().size() + (more == null ? 0 : more.intValue());
    }

    private static DPUClusterObservation observation(DPUCluster cluster) {
        if (cluster.requireStatus().getAtProvider() == null) {
            cluster.getStatus().setAtProvider(new DPUClusterObservation());
        }
        return cluster.getStatus().getAtProvider();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
