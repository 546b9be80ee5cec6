package io.dpuplane.cli.status;

import java.util.List;
import java.util.Map;

/** Reads one condition of an object as the API server returns it (unstructured). */
public final class ConditionOf {

    private ConditionOf() {
    }

    /** The condition of this type in {@code status.conditions}, or an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> find(Map<String, Object> object, String type) {
        Object status = object.get("status");
        Object conditions = status instanceof Map ? ((Map<String, Object>) status).get("conditions") : null;
        if (conditions instanceof List) {
            for (Object c : (List<Object>) conditions) {
                if (c instanceof Map && type.equals(((Map<String, Object>) c).get("type"))) {
                    return (Map<String, Object>) c;
                }
            }
        }
        return Map.of();
    }
}
