package io.dpuplane.runtime.providerconfig;

import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Looks up the ProviderConfig (in the resource's namespace) or ClusterProviderConfig a managed resource
 * references, with an error a user can act on when it is missing.
 */
public class ProviderConfigs {

    public static final String GROUP = "dpuplane.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    static final ResourceDefinitionContext PROVIDER_CONFIG = context("ProviderConfig", "providerconfigs", true);
    static final ResourceDefinitionContext CLUSTER_PROVIDER_CONFIG =
            context("ClusterProviderConfig", "clusterproviderconfigs", false);
    static final ResourceDefinitionContext USAGE = context("ProviderConfigUsage", "providerconfigusages", true);

    private final KubernetesClient client;
    private volatile SharedIndexInformer<GenericKubernetesResource> namespacedCache;
    private volatile SharedIndexInformer<GenericKubernetesResource> clusterCache;

    public ProviderConfigs(KubernetesClient client) {
        this.client = client;
    }

    /** The referenced config; throws with "cannot get ProviderConfig ns/name" when it does not exist. */
    public GenericKubernetesResource get(HasMetadata resource, ProviderConfigReference ref) {
        if (ref == null || ref.getName() == null || ref.getKind() == null) {
            throw new IllegalArgumentException("spec.providerConfigRef must name a kind and a name");
        }
        String namespace = resource.getMetadata().getNamespace();
        GenericKubernetesResource config = switch (ref.getKind()) {
            case "ProviderConfig" -> cached(namespaced(), namespace + "/" + ref.getName())
                    .orElseGet(() -> client.genericKubernetesResources(PROVIDER_CONFIG)
                            .inNamespace(namespace).withName(ref.getName()).get());
            case "ClusterProviderConfig" -> cached(cluster(), ref.getName())
                    .orElseGet(() -> client.genericKubernetesResources(CLUSTER_PROVIDER_CONFIG)
                            .withName(ref.getName()).get());
            default -> throw new IllegalArgumentException("spec.providerConfigRef.kind must be ProviderConfig or "
                    + "ClusterProviderConfig, got " + ref.getKind());
        };
        if (config == null) {
            String where = "ProviderConfig".equals(ref.getKind())
                    ? resource.getMetadata().getNamespace() + "/" + ref.getName() : ref.getName();
            throw new IllegalStateException("cannot get " + ref.getKind() + " " + where + ": not found");
        }
        return config;
    }

    // Configs are read on every reconcile of every resource: serve them from a watch, and ask the API
    // server only for one the watch has not delivered yet.
    private static java.util.Optional<GenericKubernetesResource> cached(
            SharedIndexInformer<GenericKubernetesResource> informer, String key) {
        return java.util.Optional.ofNullable(informer.getStore().getByKey(key));
    }

    private SharedIndexInformer<GenericKubernetesResource> namespaced() {
        if (namespacedCache == null) {
            synchronized (this) {
                if (namespacedCache == null) {
                    namespacedCache = client.genericKubernetesResources(PROVIDER_CONFIG).inAnyNamespace().inform();
                }
            }
        }
        return namespacedCache;
    }

    private SharedIndexInformer<GenericKubernetesResource> cluster() {
        if (clusterCache == null) {
            synchronized (this) {
                if (clusterCache == null) {
                    clusterCache = client.genericKubernetesResources(CLUSTER_PROVIDER_CONFIG).inform();
                }
            }
        }
        return clusterCache;
    }

    private static ResourceDefinitionContext context(String kind, String plural, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(VERSION).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }
}
