package io.dpuplane.functions.sdk;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Struct;
import com.google.protobuf.WireFormat;
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
 * be added once (a parser would take the last of two), and an object added to another must not change
 * afterwards (sizes are computed once).
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

    /** A field of this object; its encoded sizes, once known, are kept for writing. */
    private static final class Field {
        private final String name;
        private final String text;
        private final EncodedObject object;
        private int valueSize = -1;
        private int entrySize = -1;

        Field(String name, String text, EncodedObject object) {
            this.name = name;
            this.text = text;
            this.object = object;
        }

        // Value {string string_value = 3 | Struct struct_value = 5}
        int valueSize() {
            if (valueSize < 0) {
                if (text != null) {
                    valueSize = CodedOutputStream.computeStringSize(STRING_VALUE, text);
                } else {
                    int size = object.size();
                    valueSize = CodedOutputStream.computeTagSize(STRUCT_VALUE)
                            + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
                }
            }
            return valueSize;
        }

        // Struct entry {string key = 1; Value value = 2}
        int entrySize() {
            if (entrySize < 0) {
                int value = valueSize();
                entrySize = CodedOutputStream.computeStringSize(KEY, name) + CodedOutputStream.computeTagSize(VALUE)
                        + CodedOutputStream.computeUInt32SizeNoTag(value) + value;
            }
            return entrySize;
        }
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
                    int entry = ((Field) part).entrySize();
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
            out.writeTag(ENTRY, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(field.entrySize());
            out.writeString(KEY, field.name);
            out.writeTag(VALUE, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(field.valueSize());
            if (field.text != null) {
                out.writeString(STRING_VALUE, field.text);
            } else {
                out.writeTag(STRUCT_VALUE, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(field.object.size());
                field.object.writeTo(out);
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
}
