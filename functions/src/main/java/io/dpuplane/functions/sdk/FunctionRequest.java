package io.dpuplane.functions.sdk;

import static io.dpuplane.functions.sdk.StructWire.limit;
import static io.dpuplane.functions.sdk.StructWire.next;
import static io.dpuplane.functions.sdk.StructWire.skip;
import static io.dpuplane.functions.sdk.StructWire.value;
import static io.dpuplane.functions.sdk.StructWire.varint;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import io.dpuplane.functions.proto.v1.Capability;
import io.dpuplane.functions.proto.v1.RequestMeta;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Crossplane asks of a function, read the way a function thinks about it. Read from the request's
 * bytes in one pass that only finds where things are: the observed and required objects stay encoded
 * (see {@link Unstructured}), so a call costs what the function reads, not a tree of every object sent.
 * The small parts (meta, desired state, context) are decoded as protobuf messages, as the response passes
 * them on. Field numbers: {@code run_function.proto} (RunFunctionRequest, State, Resource, Resources).
 */
public final class FunctionRequest {

    private static final int META = 1;
    private static final int OBSERVED = 2;
    private static final int DESIRED = 3;
    private static final int INPUT = 4;
    private static final int CONTEXT = 5;
    private static final int REQUIRED_RESOURCES = 8;

    private final byte[] wire;
    private final RequestMeta meta;
    private final State desired;
    private final Struct context;
    private final List<Long> input = new ArrayList<>(1);
    private Unstructured observedComposite = Unstructured.EMPTY;
    private final Map<String, Unstructured> observedComposed = new LinkedHashMap<>();
    private final Map<String, List<Unstructured>> required = new HashMap<>();

    private FunctionRequest(byte[] wire) {
        this.wire = wire;
        RequestMeta.Builder meta = RequestMeta.newBuilder();
        State.Builder desired = State.newBuilder();
        Struct.Builder context = null;
        int pos = 0;
        while (pos < wire.length) {
            long tag = varint(wire, pos, wire.length);
            pos = next(tag);
            int field = (int) (value(tag) >>> 3);
            if ((value(tag) & 7) != 2) {
                pos = skip(wire, pos, wire.length, value(tag));
                continue;
            }
            long length = varint(wire, pos, wire.length);
            int start = next(length);
            int end = limit(start, value(length), wire.length);
            switch (field) {
                case META -> merge(meta, start, end);
                case OBSERVED -> readObserved(start, end);
                case DESIRED -> merge(desired, start, end);
                case INPUT -> input.add(StructWire.range(start, end));
                case CONTEXT -> {
                    context = context == null ? Struct.newBuilder() : context;
                    merge(context, start, end);
                }
                case REQUIRED_RESOURCES -> readRequired(start, end);
                default -> {
                    // extra_resources, credentials, required_schemas: no dpuplane function reads them.
                }
            }
            pos = end;
        }
        this.meta = meta.build();
        this.desired = desired.build();
        this.context = context == null ? null : context.build();
    }

    /** A request as it arrived on the wire; throws if it is not a RunFunctionRequest's encoding. */
    public static FunctionRequest parse(byte[] wire) throws InvalidProtocolBufferException {
        try {
            return new FunctionRequest(wire);
        } catch (IllegalArgumentException e) {
            throw new InvalidProtocolBufferException("malformed RunFunctionRequest: " + e.getMessage());
        }
    }

    /** A request built in memory (tests, tools): read through its encoding, as the server reads one. */
    public FunctionRequest(RunFunctionRequest request) {
        this(request.toByteArray());
    }

    public String tag() {
        return meta.getTag();
    }

    /** The pipeline step's input; empty when the step has none. */
    public Unstructured input() {
        if (input.isEmpty()) {
            return Unstructured.EMPTY;
        }
        if (input.size() == 1) {
            return Unstructured.encoded(wire, StructWire.start(input.get(0)), StructWire.end(input.get(0)));
        }
        Struct.Builder merged = Struct.newBuilder();
        input.forEach(range -> merge(merged, range));
        return new Unstructured(merged.build());
    }

    /** The desired state earlier steps accumulated, which the response passes on. */
    public State desired() {
        return desired;
    }

    /** The pipeline's context, which the response passes on; empty when the request has none. */
    public Optional<Struct> context() {
        return Optional.ofNullable(context);
    }

    /**
     * Whether Crossplane said what it supports. Crossplane before v2.2 sends no capabilities at all, so a
     * missing capability means "unknown" there, and "unsupported" only when this is true.
     */
    public boolean advertisesCapabilities() {
        return meta.getCapabilitiesList().contains(Capability.CAPABILITY_CAPABILITIES);
    }

    /** Whether Crossplane supports a capability: it says so, or it predates capabilities. */
    public boolean supports(Capability capability) {
        return !advertisesCapabilities() || meta.getCapabilitiesList().contains(capability);
    }

    /** The composite resource (XR) as observed at the start of the pipeline. */
    public Unstructured observedComposite() {
        return observedComposite;
    }

    /** The composed resources that exist, by composition-resource-name. */
    public Map<String, Unstructured> observedComposed() {
        return Collections.unmodifiableMap(observedComposed);
    }

    /**
     * The objects Crossplane fetched for a requirement this function returned; empty until Crossplane has
     * supplied them (an empty list means "fetched, none found").
     */
    public Optional<List<Unstructured>> requiredResources(String requirement) {
        List<Unstructured> items = required.get(requirement);
        return items == null ? Optional.empty() : Optional.of(Collections.unmodifiableList(items));
    }

    // State {Resource composite = 1; map<string, Resource> resources = 2}
    private void readObserved(int pos, int end) {
        while (pos < end) {
            long tag = varint(wire, pos, end);
            pos = next(tag);
            int field = (int) (value(tag) >>> 3);
            if ((value(tag) & 7) != 2 || field > 2) {
                pos = skip(wire, pos, end, value(tag));
                continue;
            }
            long length = varint(wire, pos, end);
            int start = next(length);
            int stop = limit(start, value(length), end);
            if (field == 1) {
                observedComposite = resource(start, stop);
            } else {
                readEntry(start, stop, (key, from, to) -> observedComposed.put(key, resource(from, to)));
            }
            pos = stop;
        }
    }

    // map<string, Resources> required_resources; Resources {repeated Resource items = 1}
    private void readRequired(int start, int end) {
        readEntry(start, end, (key, from, to) -> {
            List<Unstructured> items = new ArrayList<>();
            int pos = from;
            while (pos < to) {
                long tag = varint(wire, pos, to);
                pos = next(tag);
                if (value(tag) != (1 << 3 | 2)) {
                    pos = skip(wire, pos, to, value(tag));
                    continue;
                }
                long length = varint(wire, pos, to);
                int itemEnd = limit(next(length), value(length), to);
                items.add(resource(next(length), itemEnd));
                pos = itemEnd;
            }
            required.put(key, items);
        });
    }

    /** A map entry's string key (field 1) and the range of its message value (field 2). */
    @FunctionalInterface
    private interface EntryVisitor {
        void entry(String key, int valueStart, int valueEnd);
    }

    private void readEntry(int pos, int end, EntryVisitor visitor) {
        String key = "";
        int valueStart = end;
        int valueEnd = end;
        while (pos < end) {
            long tag = varint(wire, pos, end);
            pos = next(tag);
            int field = (int) (value(tag) >>> 3);
            if ((value(tag) & 7) != 2 || field > 2) {
                pos = skip(wire, pos, end, value(tag));
                continue;
            }
            long length = varint(wire, pos, end);
            int start = next(length);
            int stop = limit(start, value(length), end);
            if (field == 1) {
                key = new String(wire, start, stop - start, java.nio.charset.StandardCharsets.UTF_8);
            } else {
                valueStart = start;
                valueEnd = stop;
            }
            pos = stop;
        }
        visitor.entry(key, valueStart, valueEnd);
    }

    // Resource {Struct resource = 1; ...}: the object, left encoded.
    private Unstructured resource(int pos, int end) {
        int start = -1;
        int stop = -1;
        while (pos < end) {
            long tag = varint(wire, pos, end);
            pos = next(tag);
            if (value(tag) != (1 << 3 | 2)) {
                pos = skip(wire, pos, end, value(tag));
                continue;
            }
            long length = varint(wire, pos, end);
            start = next(length);
            stop = limit(start, value(length), end);
            pos = stop;
        }
        return start < 0 ? Unstructured.EMPTY : Unstructured.encoded(wire, start, stop);
    }

    private void merge(com.google.protobuf.Message.Builder builder, long range) {
        merge(builder, StructWire.start(range), StructWire.end(range));
    }

    private void merge(com.google.protobuf.Message.Builder builder, int start, int end) {
        try {
            builder.mergeFrom(CodedInputStream.newInstance(wire, start, end - start));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
