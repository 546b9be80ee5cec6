package io.dpuplane.runtime.providerconfig;

import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.dpuplane.runtime.connection.ConnectionPublisher;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records that a managed resource uses a provider config, before the config is used: a ProviderConfigUsage
 * named after the resource's UID, in its namespace, controlled by it (so it goes when the resource goes),
 * labelled with the config's name and kind so the config's reconciler can count its users.
 */
public class ProviderConfigUsageTracker {

    public static final String LABEL_CONFIG_NAME = "crossplane.io/provider-config";
    public static final String LABEL_CONFIG_KIND = "crossplane.io/provider-config-kind";

    private final KubernetesClient client;
    /** Usages known to be recorded, by resource UID, so a steady resource costs no API call per reconcile. */
    private final Map<String, Map<String, Object>> recorded = new java.util.concurrent.ConcurrentHashMap<>();

    public ProviderConfigUsageTracker(KubernetesClient client) {
        this.client = client;
    }

    public void track(HasMetadata resource, ProviderConfigReference ref) {
        // A resource this provider never finalized is new: its usage is created straight away (one request, where
        // a read first made two for each of a thousand new DPUs); one that exists may have a usage already.
        List<String> finalizers = resource.getMetadata().getFinalizers();
        record(resource, ref, finalizers == null || finalizers.isEmpty());
    }

    /**
     * Tracks the usage of a resource this provider never finalized (new, most likely), for a caller that writes its
     * finalizer meanwhile: it is created straight away, as for {@link #track} of a new resource.
     */
    public void trackNew(HasMetadata resource, ProviderConfigReference ref) {
        record(resource, ref, true);
    }

    private void record(HasMetadata resource, ProviderConfigReference ref, boolean fresh) {
        if (recorded(resource, ref)) {
            return;
        }
        apply(resource, ref, resource.getMetadata().getNamespace(), resource.getMetadata().getUid(), fresh);
        recorded.put(resource.getMetadata().getUid(), wanted(ref));
    }

    /** Whether this provider has recorded the resource's usage of the config already (then tracking costs nothing). */
    public boolean recorded(HasMetadata resource, ProviderConfigReference ref) {
        return wanted(ref).equals(recorded.get(resource.getMetadata().getUid()));
    }

    private static Map<String, Object> wanted(ProviderConfigReference ref) {
        return Map.of("kind", ref.getKind(), "name", ref.getName());
    }

    private void apply(HasMetadata resource, ProviderConfigReference ref, String namespace, String name, boolean fresh) {
        var usages = client.genericKubernetesResources(ProviderConfigs.USAGE).inNamespace(namespace);
        Map<String, Object> configRef = new LinkedHashMap<>();
        configRef.put("kind", ref.getKind());
        configRef.put("name", ref.getName());
        Map<String, Object> resourceRef = new LinkedHashMap<>();
        resourceRef.put("apiVersion", resource.getApiVersion());
        resourceRef.put("kind", resource.getKind());
        resourceRef.put("name", resource.getMetadata().getName());
        resourceRef.put("uid", resource.getMetadata().getUid());
        GenericKubernetesResource usage = new GenericKubernetesResourceBuilder()
                .withApiVersion(ProviderConfigs.API_VERSION).withKind("ProviderConfigUsage")
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(LABEL_CONFIG_NAME, ref.getName())
                .addToLabels(LABEL_CONFIG_KIND, ref.getKind())
                .withOwnerReferences(ConnectionPublisher.controllerReference(resource))
                .endMetadata()
                .addToAdditionalProperties("providerConfigRef", configRef)
                .addToAdditionalProperties("resourceRef", resourceRef)
                .build();
        if (fresh && created(usages, usage)) {
            return;
        }
        GenericKubernetesResource existing = usages.withName(name).get();
        if (existing != null && Objects.equals(existing.getAdditionalProperties().get("providerConfigRef"), configRef)) {
            return;
        }
        if (existing == null) {
            usages.resource(usage).create();
        } else {
            usage.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            usages.resource(usage).update();
        }
    }

    /** Creates the usage; false when one is there already. */
    private static boolean created(NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> usages, GenericKubernetesResource usage) {
        try {
            usages.resource(usage).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** Removes the resource's usage record (done on deletion; garbage collection would also remove it). */
    public void untrack(HasMetadata resource) {
        recorded.remove(resource.getMetadata().getUid());
        client.genericKubernetesResources(ProviderConfigs.USAGE).inNamespace(resource.getMetadata().getNamespace())
                .withName(resource.getMetadata().getUid()).delete();
    }
}
