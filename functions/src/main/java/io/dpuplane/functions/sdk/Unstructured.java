package io.dpuplane.functions.sdk;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes object as Crossplane sends it (a protobuf {@link Struct}), read by field path without
 * converting the whole object: a function reads a handful of fields of thousands of objects per call.
 */
public record Unstructured(Struct object) {

    /** An object with no fields, for "not there". */
    public static final Unstructured EMPTY = new Unstructured(Struct.getDefaultInstance());

    public boolean isEmpty() {
        return object.getFieldsCount() == 0;
    }

    public String apiVersion() {
        return string("apiVersion").orElse("");
    }

    public String kind() {
        return string("kind").orElse("");
    }

    public String name() {
        return string("metadata", "name").orElse("");
    }

    public String namespace() {
        return string("metadata", "namespace").orElse("");
    }

    /** {@code metadata.generation}, 0 when unset. */
    public long generation() {
        return number("metadata", "generation").orElse(0L);
    }

    public Map<String, String> labels() {
        return stringMap("metadata", "labels");
    }

    public Map<String, String> annotations() {
        return stringMap("metadata", "annotations");
    }

    /** The value at a path, if every step of it is an object field. */
    public Optional<Value> value(String... path) {
        Struct current = object;
        for (int i = 0; i < path.length - 1; i++) {
            Value next = current.getFieldsMap().get(path[i]);
            if (next == null || !next.hasStructValue()) {
                return Optional.empty();
            }
            current = next.getStructValue();
        }
        return Optional.ofNullable(current.getFieldsMap().get(path[path.length - 1]));
    }

    public Optional<String> string(String... path) {
        return value(path).filter(Value::hasStringValue).map(Value::getStringValue);
    }

    public Optional<Long> number(String... path) {
        return value(path).filter(Value::hasNumberValue).map(v -> (long) v.getNumberValue());
    }

    public Optional<Struct> struct(String... path) {
        return value(path).filter(Value::hasStructValue).map(Value::getStructValue);
    }

    public Unstructured object(String... path) {
        return struct(path).map(Unstructured::new).orElse(EMPTY);
    }

    public List<Value> list(String... path) {
        return value(path).filter(Value::hasListValue).map(Value::getListValue).map(ListValue::getValuesList)
                .orElse(List.of());
    }

    /** A map of strings (labels, annotations); values that are not strings are left out. */
    public Map<String, String> stringMap(String... path) {
        Optional<Struct> struct = struct(path);
        if (struct.isEmpty()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        struct.get().getFieldsMap().forEach((key, value) -> {
            if (value.hasStringValue()) {
                map.put(key, value.getStringValue());
            }
        });
        return map;
    }

    /** The condition of a type in {@code status.conditions}, if the object reports it. */
    public Optional<ObservedCondition> condition(String type) {
        for (Value entry : list("status", "conditions")) {
            Unstructured condition = new Unstructured(entry.getStructValue());
            if (type.equals(condition.string("type").orElse(null))) {
                return Optional.of(new ObservedCondition(type, condition.string("status").orElse("Unknown"),
                        condition.string("reason").orElse(""), condition.string("message").orElse(""),
                        condition.number("observedGeneration").orElse(0L)));
            }
        }
        return Optional.empty();
    }

    /** A condition as an object reports it. */
    public record ObservedCondition(String type, String status, String reason, String message,
            long observedGeneration) {

        public boolean isTrue() {
            return "True".equals(status);
        }

        public boolean isFalse() {
            return "False".equals(status);
        }
    }
}
