package io.dpuplane.cli.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the tree of everything behind a composite: the objects its {@code spec.crossplane.resourceRefs}
 * (Crossplane v2; {@code spec.resourceRefs} in v1) name, recursively, each with its conditions.
 */
final class CompositeTree {

    private final KubernetesClient client;

    CompositeTree(KubernetesClient client) {
        this.client = client;
    }

    TreeNode read(ObjectRef root) {
        return read(root, new HashSet<>());
    }

    private TreeNode read(ObjectRef ref, Set<ObjectRef> seen) {
        if (!seen.add(ref)) {
            return new TreeNode(ref, "", "", "(cycle)", List.of());
        }
        GenericKubernetesResource object = fetch(ref);
        if (object == null) {
            return new TreeNode(ref, "", "", "not found", List.of());
        }
        Map<String, Object> additional = object.getAdditionalProperties();
        List<TreeNode> children = new ArrayList<>();
        for (Map<String, Object> child : resourceRefs(additional)) {
            String namespace = Objects.toString(child.get("namespace"), null);
            children.add(read(new ObjectRef(Objects.toString(child.get("apiVersion"), ""),
                    Objects.toString(child.get("kind"), ""), namespace == null && isNamespaced(ref) ? ref.namespace()
                            : namespace, Objects.toString(child.get("name"), "")), seen));
        }
        Map<String, Object> ready = ConditionOf.find(additional, "Ready");
        Map<String, Object> synced = ConditionOf.find(additional, "Synced");
        return new TreeNode(ref, text(ready, "status"), text(synced, "status"), message(ready, synced), children);
    }

    private GenericKubernetesResource fetch(ObjectRef ref) {
        try {
            var resources = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
            return ref.namespace() == null ? resources.withName(ref.name()).get()
                    : resources.inNamespace(ref.namespace()).withName(ref.name()).get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isNamespaced(ObjectRef ref) {
        return ref.namespace() != null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> resourceRefs(Map<String, Object> object) {
        Object spec = object.get("spec");
        if (!(spec instanceof Map)) {
            return List.of();
        }
        Object crossplane = ((Map<String, Object>) spec).get("crossplane");
        Object refs = crossplane instanceof Map ? ((Map<String, Object>) crossplane).get("resourceRefs")
                : ((Map<String, Object>) spec).get("resourceRefs");
        return refs instanceof List ? (List<Map<String, Object>>) refs : List.of();
    }

    private static String message(Map<String, Object> ready, Map<String, Object> synced) {
        if ("False".equals(synced.get("status"))) {
            return join(synced);
        }
        return "True".equals(ready.get("status")) ? "" : join(ready);
    }

    private static String join(Map<String, Object> condition) {
        String reason = text(condition, "reason");
        String message = text(condition, "message");
        return message.isEmpty() ? reason : reason.isEmpty() ? message : reason + ": " + message;
    }

    private static String text(Map<String, Object> map, String key) {
        return Objects.toString(map.get(key), "");
    }
}
