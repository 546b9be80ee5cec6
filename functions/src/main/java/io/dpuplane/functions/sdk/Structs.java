package io.dpuplane.functions.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Iterator;
import java.util.Map;

/**
 * Converts between protobuf {@link Struct}s (how Crossplane sends objects) and Java objects through Jackson,
 * so functions work with the typed API classes and never with JSON text.
 */
public final class Structs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Structs() {
    }

    /** An object (a record, a fabric8 resource) as a Struct. */
    public static Struct of(Object value) {
        JsonNode tree = MAPPER.valueToTree(value);
        if (!tree.isObject()) {
            throw new IllegalArgumentException(value.getClass().getSimpleName() + " does not serialize to an object");
        }
        return toStruct((ObjectNode) tree);
    }

    /** A Struct read as a Java type; unknown fields are ignored. */
    public static <T> T read(Struct struct, Class<T> type) {
        try {
            return MAPPER.treeToValue(toJson(struct), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(),
                    e);
        }
    }

    /** How an enum constant is spelled on the wire (its {@code @JsonProperty} name). */
    public static String wireName(Enum<?> value) {
        return MAPPER.convertValue(value, String.class);
    }

    /** A Jackson object tree as a Struct. */
    public static Struct toStruct(ObjectNode node) {
        Struct.Builder struct = Struct.newBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            struct.putFields(field.getKey(), toValue(field.getValue()));
        }
        return struct.build();
    }

    /** A Struct as a Jackson object tree. */
    public static ObjectNode toJson(Struct struct) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
            node.set(field.getKey(), toJson(field.getValue()));
        }
        return node;
    }

    /** A string Value. */
    public static Value text(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }

    /** A number Value. */
    public static Value number(double value) {
        return Value.newBuilder().setNumberValue(value).build();
    }

    /** A struct Value. */
    public static Value struct(Struct value) {
        return Value.newBuilder().setStructValue(value).build();
    }

    private static Value toValue(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> Value.newBuilder().setStructValue(toStruct((ObjectNode) node)).build();
            case ARRAY -> {
                ListValue.Builder list = ListValue.newBuilder();
                node.forEach(item -> list.addValues(toValue(item)));
                yield Value.newBuilder().setListValue(list).build();
            }
            case STRING, BINARY -> text(node.asText());
            case NUMBER -> number(node.asDouble());
            case BOOLEAN -> Value.newBuilder().setBoolValue(node.booleanValue()).build();
            case NULL, MISSING, POJO -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        };
    }

    private static JsonNode toJson(Value value) {
        return switch (value.getKindCase()) {
            case STRUCT_VALUE -> toJson(value.getStructValue());
            case LIST_VALUE -> {
                ArrayNode array = NODES.arrayNode(value.getListValue().getValuesCount());
                value.getListValue().getValuesList().forEach(item -> array.add(toJson(item)));
                yield array;
            }
            case STRING_VALUE -> NODES.textNode(value.getStringValue());
            case NUMBER_VALUE -> jsonNumber(value.getNumberValue());
            case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
            case NULL_VALUE, KIND_NOT_SET -> NODES.nullNode();
        };
    }

    // JSON has one number type; Kubernetes integers (generation, counts) must read back as integers.
    private static JsonNode jsonNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE) {
            return NODES.numberNode((int) value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            return NODES.numberNode((long) value);
        }
        return NODES.numberNode(value);
    }
}
