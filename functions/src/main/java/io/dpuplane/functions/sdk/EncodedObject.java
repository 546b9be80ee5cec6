package io.dpuplane.functions.sdk;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Struct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kubernetes object written straight in its wire form, the encoding of a {@code google.protobuf.Struct}:
 * for a function that composes thousands of near-identical objects, where building a Struct per object
 * (and protobuf serializing its maps entry by entry) would cost more than everything else in the call.
 * An object's encoding is its fields' encodings one after the other, so the parts common to every object
 * are encoded once ({@link #of(Struct)}) and shared, and each object only adds its own fields. Nothing is
 * written until the response is: then every object goes straight into the response's bytes. A field must
 * be added once (a parser would take the last of two).
 */
public final class EncodedObject {

    private static final int ENTRY = 1;
    private static final int KEY = 1;
    private static final int VALUE = 2;
    private static final int STRING_VALUE = 3;
    private static final int STRUCT_VALUE = 5;

    /** Shared encoded fields (byte[]) and this object's own ({@link Field}), in order. */
    private final List<Object> parts = new ArrayList<>(6);
    private int size = -1;

    private record Field(String name, String text, EncodedObject object) {
    }

    /** The encoding of a Struct's fields, to share between objects with {@link #fields(byte[])}. */
    public static byte[] of(Struct fields) {
        return fields.toByteArray();
    }

    /** Adds fields encoded by {@link #of(Struct)}. */
    public EncodedObject fields(byte[] encoded) {
        parts.add(encoded);
        size = -1;
        return this;
    }

    /** Adds a string field. */
    public EncodedObject text(String name, String value) {
        parts.add(new Field(name, value, null));
        size = -1;
        return this;
    }

    /** Adds an object field. */
    public EncodedObject object(String name, EncodedObject value) {
        parts.add(new Field(name, null, value));
        size = -1;
        return this;
    }

    /** Adds an object field whose fields were encoded by {@link #of(Struct)}. */
    public EncodedObject object(String name, byte[] fields) {
        return object(name, new EncodedObject().fields(fields));
    }

    /** The size of the object's encoding. */
    public int size() {
        if (size < 0) {
            int total = 0;
            for (Object part : parts) {
                if (part instanceof byte[] encoded) {
                    total += encoded.length;
                } else {
                    int entry = entrySize((Field) part);
                    total += CodedOutputStream.computeTagSize(ENTRY) + CodedOutputStream.computeUInt32SizeNoTag(entry)
                            + entry;
                }
            }
            size = total;
        }
        return size;
    }

    /** Writes the object's encoding (a Struct's, without a tag or length). */
    public void writeTo(CodedOutputStream out) throws IOException {
        for (Object part : parts) {
            if (part instanceof byte[] encoded) {
                out.writeRawBytes(encoded);
                continue;
            }
            Field field = (Field) part;
            // Struct.fields = 1: entry {string key = 1; Value value = 2}
            out.writeTag(ENTRY, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(entrySize(field));
            out.writeString(KEY, field.name());
            out.writeTag(VALUE, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(valueSize(field));
            if (field.text() != null) {
                out.writeString(STRING_VALUE, field.text());
            } else {
                out.writeTag(STRUCT_VALUE, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(field.object().size());
                field.object().writeTo(out);
            }
        }
    }

    /** The object's encoding. */
    public byte[] toByteArray() {
        byte[] bytes = new byte[size()];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    private static int entrySize(Field field) {
        int value = valueSize(field);
        return CodedOutputStream.computeStringSize(KEY, field.name()) + CodedOutputStream.computeTagSize(VALUE)
                + CodedOutputStream.computeUInt32SizeNoTag(value) + value;
    }

    // Value {string string_value = 3 | Struct struct_value = 5}
    private static int valueSize(Field field) {
        if (field.text() != null) {
            return CodedOutputStream.computeStringSize(STRING_VALUE, field.text());
        }
        int object = field.object().size();
        return CodedOutputStream.computeTagSize(STRUCT_VALUE) + CodedOutputStream.computeUInt32SizeNoTag(object)
                + object;
    }
}
