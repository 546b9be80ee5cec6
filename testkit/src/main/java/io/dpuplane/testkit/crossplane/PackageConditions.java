package io.dpuplane.testkit.crossplane;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The Crossplane conditions of an untyped object (a package, a revision, a composite). */
public final class PackageConditions {

    private PackageConditions() {
    }

    /** The object's {@code status.conditions}, empty when it has none. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> of(GenericKubernetesResource object) {
        if (object == null || !(object.getAdditionalProperties().get("status") instanceof Map)) {
            return List.of();
        }
        Object conditions = ((Map<String, Object>) object.getAdditionalProperties().get("status")).get("conditions");
        return conditions instanceof List ? (List<Map<String, Object>>) conditions : List.of();
    }

    public static boolean isTrue(GenericKubernetesResource object, String type) {
        return of(object).stream().anyMatch(c -> type.equals(c.get("type")) && "True".equals(c.get("status")));
    }

    /** The conditions as {@code Type=Status (Reason: message)}, for a failure message. */
    public static String describe(GenericKubernetesResource object) {
        if (object == null) {
            return "(object does not exist)";
        }
        List<Map<String, Object>> conditions = of(object);
        return conditions.isEmpty() ? "(none)" : conditions.stream()
                .map(c -> c.get("type") + "=" + c.get("status") + " (" + c.get("reason")
                        + (c.get("message") == null ? "" : ": " + c.get("message")) + ")")
                .collect(Collectors.joining("; "));
    }

    /** The conditions with one set to a new value (added, or replaced when its status or reason changed). */
    static List<Map<String, Object>> with(List<Map<String, Object>> conditions, Map<String, Object> condition) {
        List<Map<String, Object>> updated = new ArrayList<>();
        for (Map<String, Object> existing : conditions) {
            if (!condition.get("type").equals(existing.get("type"))) {
                updated.add(existing);
            }
        }
        updated.add(new LinkedHashMap<>(condition));
        return updated;
    }
}
