package io.dpuplane.functions.sdk;

import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code google.protobuf.Struct} in its encoded form, without decoding what nobody asks for: a
 * field is found by scanning the entries and comparing key bytes, and only its value is decoded. A
 * thousand-object request thus costs a scan of its bytes instead of a tree of maps and values.
 *
 * <p>Wire format ({@code struct.proto}): {@code Struct {map<string, Value> fields = 1}}, each entry a message
 * {@code {string key = 1; Value value = 2}}; {@code Value} is a oneof of {@code null_value = 1} (varint),
 * {@code number_value = 2} (fixed64), {@code string_value = 3}, {@code bool_value = 4} (varint),
 * {@code struct_value = 5}, {@code list_value = 6}; {@code ListValue {repeated Value values = 1}}. As a
 * protobuf parser does, the last entry of a duplicated key and the last field of a oneof win.
 * Ranges are passed as {@code (start << 32) | end} in a long, {@link #NONE} for absent.
 */
final class StructWire {

    static final long NONE = -1L;
    static final int NUMBER = 2;
    static final int STRING = 3;
    static final int STRUCT = 5;
    static final int LIST = 6;

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private StructWire() {
    }

    static long range(int start, int end) {
        return (long) start << 32 | end & 0xFFFFFFFFL;
    }

    static int start(long range) {
        return (int) (range >>> 32);
    }

    static int end(long range) {
        return (int) range;
    }

    /** The encoded Value of field {@code key} of the Struct in {@code struct}; {@link #NONE} when absent. */
    static long field(byte[] wire, long struct, String key) {
        long found = NONE;
        int pos = start(struct);
        int end = end(struct);
        while (pos < end) {
            long tag = varint(wire, pos, end);
            pos = next(tag);
            if (value(tag) == (1 << 3 | LENGTH_DELIMITED)) {
                long length = varint(wire, pos, end);
                int entryStart = next(length);
                int entryEnd = limit(entryStart, value(length), end);
                long value = entryValue(wire, entryStart, entryEnd, key);
                if (value != NONE) {
                    found = value;
                }
                pos = entryEnd;
            } else {
                pos = skip(wire, pos, end, value(tag));
            }
        }
        return found;
    }

    /** Calls {@code visitor} with each key and encoded Value of the Struct in {@code struct}, in wire order. */
    static void forEachField(byte[] wire, long struct, FieldVisitor visitor) {
        int pos = start(struct);
        int end = end(struct);
        while (pos < end) {
            long tag = varint(wire, pos, end);
            pos = next(tag);
            if (value(tag) == (1 << 3 | LENGTH_DELIMITED)) {
                long length = varint(wire, pos, end);
                int entryStart = next(length);
                int entryEnd = limit(entryStart, value(length), end);
                visitEntry(wire, entryStart, entryEnd, visitor);
                pos = entryEnd;
            } else {
                pos = skip(wire, pos, end, value(tag));
            }
        }
    }

    /** A Struct field, as {@link #forEachField} hands it over. */
    @FunctionalInterface
    interface FieldVisitor {
        void field(String key, long value);
    }

    /** The oneof case of an encoded Value: {@link #STRING}, {@link #STRUCT}...; 0 when it has none. */
    static int kind(byte[] wire, long value) {
        return (int) (lastCase(wire, value) >>> 56);
    }

    /** The range of a Value's payload (a string's bytes, a struct's or list's encoding, a number's 8 bytes). */
    static long payload(byte[] wire, long value) {
        long last = lastCase(wire, value);
        int start = (int) (last & 0xFFFFFFFFL);
        int kind = (int) (last >>> 56);
        if (kind == NUMBER) {
            return range(start, start + 8);
        }
        if (kind == STRING || kind == STRUCT || kind == LIST) {
            long length = varint(wire, start, end(value));
            return range(next(length), limit(next(length), value(length), end(value)));
        }
        return range(start, start);
    }

    /** A Value's string; null when it is not a string. */
    static String string(byte[] wire, long value) {
        if (kind(wire, value) != STRING) {
            return null;
        }
        long payload = payload(wire, value);
        return new String(wire, start(payload), end(payload) - start(payload), StandardCharsets.UTF_8);
    }

    /** Whether a Value is the string {@code expected}, compared without decoding it. */
    static boolean isString(byte[] wire, long value, String expected) {
        if (kind(wire, value) != STRING) {
            return false;
        }
        long payload = payload(wire, value);
        return equalsUtf8(wire, start(payload), end(payload), expected);
    }

    /** A Value's number; NaN when it is not a number. */
    static double number(byte[] wire, long value) {
        if (kind(wire, value) != NUMBER) {
            return Double.NaN;
        }
        int at = start(payload(wire, value));
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = bits << 8 | wire[at + i] & 0xFFL;
        }
        return Double.longBitsToDouble(bits);
    }

    /** The encoded Struct of a Value; {@link #NONE} when it is not a struct. */
    static long struct(byte[] wire, long value) {
        return kind(wire, value) == STRUCT ? payload(wire, value) : NONE;
    }

    /** Calls {@code visitor} with each encoded Value of a ListValue's encoding, in order. */
    static void forEachItem(byte[] wire, long list, java.util.function.LongConsumer visitor) {
        int pos = start(list);
        int end = end(list);
        while (pos < end) {
            long tag = varint(wire, pos, end);
            pos = next(tag);
            if (value(tag) == (1 << 3 | LENGTH_DELIMITED)) {
                long length = varint(wire, pos, end);
                int itemStart = next(length);
                int itemEnd = limit(itemStart, value(length), end);
                visitor.accept(range(itemStart, itemEnd));
                pos = itemEnd;
            } else {
                pos = skip(wire, pos, end, value(tag));
            }
        }
    }

    // The Value of a map entry if its key is `key`, else NONE.
    private static long entryValue(byte[] wire, int pos, int end, String key) {
        boolean matches = key.isEmpty(); // an entry without a key has the key "", as a parser reads it
        long value = range(end, end);
        while (pos < end) {
            long tag = varint(wire, pos, end);
            pos = next(tag);
            int field = (int) (value(tag) >>> 3);
            int type = (int) (value(tag) & 7);
            if (type == LENGTH_DELIMITED && (field == 1 || field == 2)) {
                long length = varint(wire, pos, end);
                int from = next(length);
                int to = limit(from, value(length), end);
                if (field == 1) {
                    matches = equalsUtf8(wire, from, to, key);
                } else {
                    value = range(from, to);
                }
                pos = to;
            } else {
                pos = skip(wire, pos, end, type);
            }
        }
        return matches ? value : NONE;
    }

    private static void visitEntry(byte[] wire, int pos, int end, FieldVisitor visitor) {
        String key = "";
        long value = range(end, end);
        while (pos < end) {
            long tag = varint(wire, pos, end);
            pos = next(tag);
            int field = (int) (value(tag) >>> 3);
            int type = (int) (value(tag) & 7);
            if (type == LENGTH_DELIMITED && (field == 1 || field == 2)) {
                long length = varint(wire, pos, end);
                int from = next(length);
                int to = limit(from, value(length), end);
                if (field == 1) {
                    key = new String(wire, from, to - from, StandardCharsets.UTF_8);
                } else {
                    value = range(from, to);
                }
                pos = to;
            } else {
                pos = skip(wire, pos, end, type);
            }
        }
        visitor.field(key, value);
    }

    // The last oneof field of a Value: (field << 56) | payload start (after the tag).
    private static long lastCase(byte[] wire, long value) {
        int pos = start(value);
        int end = end(value);
        long last = 0;
        while (pos < end) {
            long tag = varint(wire, pos, end);
            pos = next(tag);
            int field = (int) (value(tag) >>> 3);
            int type = (int) (value(tag) & 7);
            if (field >= 1 && field <= 6) {
                last = (long) field << 56 | pos;
            }
            pos = skip(wire, pos, end, type);
        }
        return last;
    }

    // Compares without allocating: keys and values are ASCII nearly always.
    private static boolean equalsUtf8(byte[] wire, int from, int to, String text) {
        int length = text.length();
        int bytes = to - from;
        if (bytes == length) {
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c >= 0x80 || wire[from + i] != (byte) c) {
                    return false; // a non-ASCII text's UTF-8 is longer than its chars
                }
            }
            return true;
        }
        if (bytes < length || isAscii(text)) {
            return false;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.equals(wire, from, to, utf8, 0, utf8.length);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    // Skips one field's payload of a wire type, from just after its tag.
    static int skip(byte[] wire, int pos, int end, long tagOrType) {
        int type = (int) (tagOrType & 7);
        return switch (type) {
            case VARINT -> {
                while (true) {
                    if (pos >= end) {
                        throw malformed();
                    }
                    if (wire[pos++] >= 0) {
                        yield pos;
                    }
                }
            }
            case FIXED64 -> limit(pos, 8, end);
            case LENGTH_DELIMITED -> {
                long length = varint(wire, pos, end);
                yield limit(next(length), value(length), end);
            }
            case FIXED32 -> limit(pos, 4, end);
            default -> throw malformed();
        };
    }

    /** A varint of up to 32 bits at {@code pos}: its value in the high half, the position after it in the low. */
    static long varint(byte[] wire, int pos, int end) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw malformed();
            }
            byte b = wire[pos++];
            if (shift < 32) {
                result |= (long) (b & 0x7F) << shift;
            }
            if (b >= 0) {
                return (result & 0xFFFFFFFFL) << 32 | pos;
            }
        }
        throw malformed();
    }

    static long value(long varint) {
        return varint >>> 32;
    }

    static int next(long varint) {
        return (int) varint;
    }

    static int limit(int from, long length, int end) {
        if (length < 0 || from + length > end) {
            throw malformed();
        }
        return (int) (from + length);
    }

    static IllegalArgumentException malformed() {
        return new IllegalArgumentException("malformed protobuf: a length or field runs past its message");
    }
}
