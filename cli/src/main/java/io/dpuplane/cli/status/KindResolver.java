package io.dpuplane.cli.status;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a user types ({@code dpuset}, {@code DPUSet}, {@code dpusets.platform.dpuplane.io}) into the
 * apiVersion and kind the server serves, by discovery, as kubectl does.
 */
final class KindResolver {

    /** A served kind. */
    record ServedKind(String apiVersion, String kind, boolean namespaced) {
    }

    private final KubernetesClient client;

    KindResolver(KubernetesClient client) {
        this.client = client;
    }

    Optional<ServedKind> resolve(String typed) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        for (APIGroup group : client.getApiGroups().getGroups()) {
            String groupVersion = group.getPreferredVersion().getGroupVersion();
            for (APIResource resource : client.getApiResources(groupVersion).getResources()) {
                if (!resource.getName().contains("/") && matches(wanted, resource, group.getName())) {
                    return Optional.of(new ServedKind(groupVersion, resource.getKind(), resource.getNamespaced()));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String wanted, APIResource resource, String group) {
        return wanted.equals(resource.getKind().toLowerCase(Locale.ROOT)) || wanted.equals(resource.getName())
                || wanted.equals(resource.getSingularName()) || wanted.equals(resource.getName() + "." + group)
                || wanted.equals(resource.getKind().toLowerCase(Locale.ROOT) + "." + group)
                || (resource.getShortNames() != null && resource.getShortNames().contains(wanted));
    }
}
