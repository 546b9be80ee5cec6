package io.dpuplane.functions.sdk;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes object as Crossplane sends it (a protobuf {@link Struct}), read by field path without
 * converting the whole object: a function reads a handful of fields of thousands of objects per call.
 * An object from a request stays in its encoded form ({@link StructWire}) and is read straight from the
 * request's bytes; {@link #object()} decodes it only when a function asks for the whole Struct.
 */
public final class Unstructured {

    /** An object with no fields, for "not there". */
    public static final Unstructured EMPTY = new Unstructured(Struct.getDefaultInstance());

    private final byte[] wire;
    private final long range;
    private Struct object;

    public Unstructured(Struct object) {
        this.wire = null;
        this.range = StructWire.NONE;
        this.object = object;
    }

    private Unstructured(byte[] wire, long range) {
        this.wire = wire;
        this.range = range;
    }

    /** The Struct encoded in {@code wire} between {@code start} and {@code end}, read in place. */
    static Unstructured encoded(byte[] wire, int start, int end) {
        return new Unstructured(wire, StructWire.range(start, end));
    }

    /** The whole object as a Struct, decoded on first use when it was read from a request. */
    public Struct object() {
        if (object == null) {
            try {
                int start = StructWire.start(range);
                object = Struct.parseFrom(CodedInputStream.newInstance(wire, start, StructWire.end(range) - start));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("malformed object in the request: " + e.getMessage(), e);
            }
        }
        return object;
    }

    public boolean isEmpty() {
        return wire == null ? object.getFieldsCount() == 0 : StructWire.start(range) == StructWire.end(range);
    }

    public String apiVersion() {
        return text("apiVersion");
    }

    public String kind() {
        return text("kind");
    }

    public String name() {
        return object("metadata").text("name");
    }

    public String namespace() {
        return object("metadata").text("namespace");
    }

    /** {@code metadata.generation}, 0 when unset. */
    public long generation() {
        return object("metadata").integer("generation");
    }

    public Map<String, String> labels() {
        return stringMap("metadata", "labels");
    }

    public Map<String, String> annotations() {
        return stringMap("metadata", "annotations");
    }

    /** The string in field {@code field}; "" when it is missing or not a string. */
    public String text(String field) {
        if (wire == null) {
            Value value = object.getFieldsMap().get(field);
            return value != null && value.hasStringValue() ? value.getStringValue() : "";
        }
        long value = StructWire.field(wire, range, field);
        String text = value == StructWire.NONE ? null : StructWire.string(wire, value);
        return text == null ? "" : text;
    }

    /** Whether field {@code field} is the string {@code expected}. */
    public boolean hasText(String field, String expected) {
        if (wire == null) {
            Value value = object.getFieldsMap().get(field);
            return value != null && value.hasStringValue() && expected.equals(value.getStringValue());
        }
        long value = StructWire.field(wire, range, field);
        return value != StructWire.NONE && StructWire.isString(wire, value, expected);
    }

    /** The number in field {@code field} as a long; 0 when it is missing or not a number. */
    public long integer(String field) {
        if (wire == null) {
            Value value = object.getFieldsMap().get(field);
            return value != null && value.hasNumberValue() ? (long) value.getNumberValue() : 0L;
        }
        long value = StructWire.field(wire, range, field);
        return value == StructWire.NONE || StructWire.kind(wire, value) != StructWire.NUMBER ? 0L
                : (long) StructWire.number(wire, value);
    }

    /** The object in field {@code field}; {@link #EMPTY} when it is missing or not an object. */
    public Unstructured object(String field) {
        if (wire == null) {
            Value value = object.getFieldsMap().get(field);
            return value != null && value.hasStructValue() ? new Unstructured(value.getStructValue()) : EMPTY;
        }
        long value = StructWire.field(wire, range, field);
        long struct = value == StructWire.NONE ? StructWire.NONE : StructWire.struct(wire, value);
        return struct == StructWire.NONE ? EMPTY : new Unstructured(wire, struct);
    }

    /** The objects in the list in field {@code field}, skipping items that are not objects. */
    public List<Unstructured> objects(String field) {
        List<Unstructured> objects = new ArrayList<>();
        if (wire == null) {
            Value value = object.getFieldsMap().get(field);
            if (value != null && value.hasListValue()) {
                for (Value item : value.getListValue().getValuesList()) {
                    if (item.hasStructValue()) {
                        objects.add(new Unstructured(item.getStructValue()));
                    }
                }
            }
            return objects;
        }
        long value = StructWire.field(wire, range, field);
        if (value != StructWire.NONE && StructWire.kind(wire, value) == StructWire.LIST) {
            StructWire.forEachItem(wire, StructWire.payload(wire, value), item -> {
                long struct = StructWire.struct(wire, item);
                if (struct != StructWire.NONE) {
                    objects.add(new Unstructured(wire, struct));
                }
            });
        }
        return objects;
    }

    /** Whether every wanted field is here with the same string value (e.g. labels against a selector). */
    public boolean hasTexts(Map<String, String> wanted) {
        for (Map.Entry<String, String> field : wanted.entrySet()) {
            if (!hasText(field.getKey(), field.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The value at a path, if every step of it is an object field. */
    public Optional<Value> value(String... path) {
        Unstructured parent = parent(path);
        String last = path[path.length - 1];
        if (parent.wire == null) {
            return Optional.ofNullable(parent.object.getFieldsMap().get(last));
        }
        long value = StructWire.field(parent.wire, parent.range, last);
        if (value == StructWire.NONE) {
            return Optional.empty();
        }
        try {
            int start = StructWire.start(value);
            return Optional.of(Value.parseFrom(CodedInputStream.newInstance(parent.wire, start,
                    StructWire.end(value) - start)));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("malformed value in the request: " + e.getMessage(), e);
        }
    }

    public Optional<String> string(String... path) {
        Unstructured parent = parent(path);
        String last = path[path.length - 1];
        if (parent.wire == null) {
            Value value = parent.object.getFieldsMap().get(last);
            return value != null && value.hasStringValue() ? Optional.of(value.getStringValue()) : Optional.empty();
        }
        long value = StructWire.field(parent.wire, parent.range, last);
        return value == StructWire.NONE ? Optional.empty() : Optional.ofNullable(StructWire.string(parent.wire, value));
    }

    public Optional<Long> number(String... path) {
        Unstructured parent = parent(path);
        String last = path[path.length - 1];
        if (parent.wire == null) {
            Value value = parent.object.getFieldsMap().get(last);
            return value != null && value.hasNumberValue() ? Optional.of((long) value.getNumberValue())
                    : Optional.empty();
        }
        long value = StructWire.field(parent.wire, parent.range, last);
        return value == StructWire.NONE || StructWire.kind(parent.wire, value) != StructWire.NUMBER ? Optional.empty()
                : Optional.of((long) StructWire.number(parent.wire, value));
    }

    public Optional<Struct> struct(String... path) {
        Unstructured parent = parent(path);
        String last = path[path.length - 1];
        if (parent.wire == null) {
            Value value = parent.object.getFieldsMap().get(last);
            return value != null && value.hasStructValue() ? Optional.of(value.getStructValue()) : Optional.empty();
        }
        Unstructured child = parent.object(last);
        return child == EMPTY ? Optional.empty() : Optional.of(child.object());
    }

    public Unstructured object(String... path) {
        Unstructured current = this;
        for (String field : path) {
            current = current.object(field);
        }
        return current;
    }

    public List<Value> list(String... path) {
        return value(path).filter(Value::hasListValue).map(Value::getListValue).map(ListValue::getValuesList)
                .orElse(List.of());
    }

    /** A map of strings (labels, annotations); values that are not strings are left out. */
    public Map<String, String> stringMap(String... path) {
        Unstructured map = parent(path).object(path[path.length - 1]);
        if (map == EMPTY) {
            return Map.of();
        }
        Map<String, String> strings = new LinkedHashMap<>();
        if (map.wire == null) {
            map.object.getFieldsMap().forEach((key, value) -> {
                if (value.hasStringValue()) {
                    strings.put(key, value.getStringValue());
                }
            });
        } else {
            StructWire.forEachField(map.wire, map.range, (key, value) -> {
                String text = StructWire.string(map.wire, value);
                if (text != null) {
                    strings.put(key, text);
                } else {
                    strings.remove(key);
                }
            });
        }
        return strings;
    }

    /** The condition of a type in {@code status.conditions}, if the object reports it. */
    public Optional<ObservedCondition> condition(String type) {
        for (Unstructured condition : object("status").objects("conditions")) {
            if (condition.hasText("type", type)) {
                return Optional.of(new ObservedCondition(type, condition.string("status").orElse("Unknown"),
                        condition.text("reason"), condition.text("message"), condition.integer("observedGeneration")));
            }
        }
        return Optional.empty();
    }

    // The object holding the last field of a path; EMPTY when a step is missing.
    private Unstructured parent(String... path) {
        Unstructured current = this;
        for (int i = 0; i < path.length - 1; i++) {
            current = current.object(path[i]);
        }
        return current;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Unstructured that && object().equals(that.object());
    }

    @Override
    public int hashCode() {
        return object().hashCode();
    }

    @Override
    public String toString() {
        return "Unstructured[object=" + object() + "]";
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
