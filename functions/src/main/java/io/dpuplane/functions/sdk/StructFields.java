package io.dpuplane.functions.sdk;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;

/**
 * Field access on a protobuf Struct's field map, for the hot paths that read a few fields of thousands of
 * objects per call (observed DPUs, the inventory): each map is fetched once and looked up directly, with
 * "" / 0 / an empty map for what is missing, where {@link Unstructured}'s path accessors would walk from
 * the top of the object and wrap every answer in an Optional.
 */
public final class StructFields {

    private static final Map<String, Value> NONE = Struct.getDefaultInstance().getFieldsMap();

    private StructFields() {
    }

    /** The fields of an object. */
    public static Map<String, Value> of(Struct object) {
        return object.getFieldsMap();
    }

    /** The fields of the object in field {@code name}; empty when it is missing or not an object. */
    public static Map<String, Value> struct(Map<String, Value> fields, String name) {
        Value value = fields.get(name);
        return value != null && value.hasStructValue() ? value.getStructValue().getFieldsMap() : NONE;
    }

    /** The string in field {@code name}; "" when it is missing or not a string. */
    public static String text(Map<String, Value> fields, String name) {
        Value value = fields.get(name);
        return value != null && value.hasStringValue() ? value.getStringValue() : "";
    }

    /** The number in field {@code name} as a long; 0 when it is missing or not a number. */
    public static long number(Map<String, Value> fields, String name) {
        Value value = fields.get(name);
        return value != null && value.hasNumberValue() ? (long) value.getNumberValue() : 0L;
    }

    /** Whether every wanted label is in {@code labels} with the same value. */
    public static boolean hasLabels(Map<String, Value> labels, Map<String, String> wanted) {
        for (Map.Entry<String, String> label : wanted.entrySet()) {
            Value value = labels.get(label.getKey());
            if (value == null || !label.getValue().equals(value.getStringValue())) {
                return false;
            }
        }
        return true;
    }
}
