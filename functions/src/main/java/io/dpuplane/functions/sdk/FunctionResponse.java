package io.dpuplane.functions.sdk;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import com.google.protobuf.Struct;
import io.dpuplane.functions.proto.v1.Capability;
import io.dpuplane.functions.proto.v1.Condition;
import io.dpuplane.functions.proto.v1.MatchLabels;
import io.dpuplane.functions.proto.v1.Ready;
import io.dpuplane.functions.proto.v1.Resource;
import io.dpuplane.functions.proto.v1.ResourceSelector;
import io.dpuplane.functions.proto.v1.ResponseMeta;
import io.dpuplane.functions.proto.v1.Result;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.proto.v1.Severity;
import io.dpuplane.functions.proto.v1.State;
import io.dpuplane.functions.proto.v1.Status;
import io.dpuplane.functions.proto.v1.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer a function builds. It starts as the protocol requires (the request's tag, its desired state
 * and context passed through, a TTL) so a function only adds what it has an opinion on: composed
 * resources with their readiness, the composite's status and readiness, requirements, results and
 * conditions. It never writes the composite's spec or metadata, nor a composed resource's status.
 */
public final class FunctionResponse {

    /** How long Crossplane may cache a response before calling again, as the Go SDK's default. */
    public static final java.time.Duration DEFAULT_TTL = java.time.Duration.ofMinutes(1);

    private final FunctionRequest request;
    private final RunFunctionResponse.Builder response;
    /** Composed resources given in their wire form, by name: written into the desired state as they are. */
    private final Map<String, EncodedComposed> encoded = new LinkedHashMap<>();

    private record EncodedComposed(EncodedObject resource, Ready ready) {
    }

    private FunctionResponse(FunctionRequest request) {
        this.request = request;
        this.response = RunFunctionResponse.newBuilder()
                .setMeta(ResponseMeta.newBuilder().setTag(request.tag()).setTtl(duration(DEFAULT_TTL)))
                .setDesired(request.desired());
        request.context().ifPresent(response::setContext);
    }

    /** A response to a request: tag copied, desired state and context passed through, default TTL. */
    public static FunctionResponse to(FunctionRequest request) {
        return new FunctionResponse(request);
    }

    public FunctionResponse ttl(java.time.Duration ttl) {
        response.getMetaBuilder().setTtl(duration(ttl));
        return this;
    }

    /** Desires a composed resource under a stable name, saying whether it is ready. */
    public FunctionResponse compose(String name, Struct resource, boolean ready) {
        encoded.remove(name);
        response.getDesiredBuilder().putResources(name, Resource.newBuilder().setResource(resource)
                .setReady(ready ? Ready.READY_TRUE : Ready.READY_FALSE).build());
        return this;
    }

    /**
     * Desires a composed resource given in its wire form, saying whether it is ready: the same as
     * {@link #compose(String, Struct, boolean)} on the wire, cheaper for thousands of them.
     */
    public FunctionResponse compose(String name, EncodedObject encodedResource, boolean ready) {
        response.getDesiredBuilder().removeResources(name);
        encoded.put(name, new EncodedComposed(encodedResource, ready ? Ready.READY_TRUE : Ready.READY_FALSE));
        return this;
    }

    /** Whether a composed resource of this name is desired, by this function or an earlier step. */
    public boolean composes(String name) {
        return encoded.containsKey(name) || response.getDesiredBuilder().containsResources(name);
    }

    /** Sets fields of the composite's status, keeping any an earlier step set. */
    public FunctionResponse compositeStatus(Struct fields) {
        Resource.Builder composite = response.getDesiredBuilder().getCompositeBuilder();
        Struct.Builder resource = composite.getResourceBuilder();
        Struct.Builder status = resource.containsFields("status")
                ? resource.getFieldsOrThrow("status").getStructValue().toBuilder()
                : Struct.newBuilder();
        status.putAllFields(fields.getFieldsMap());
        resource.putFields("status", Structs.struct(status.build()));
        return this;
    }

    /** Says whether the composite is ready, overriding Crossplane's roll-up of composed readiness. */
    public FunctionResponse compositeReady(boolean ready) {
        response.getDesiredBuilder().getCompositeBuilder().setReady(ready ? Ready.READY_TRUE : Ready.READY_FALSE);
        return this;
    }

    /** Asks Crossplane for the objects of a kind in a namespace with these labels, under a requirement name. */
    public FunctionResponse requireResources(String requirement, String apiVersion, String kind, String namespace,
            Map<String, String> matchLabels) {
        ResourceSelector.Builder selector = ResourceSelector.newBuilder().setApiVersion(apiVersion).setKind(kind)
                .setMatchLabels(MatchLabels.newBuilder().putAllLabels(matchLabels));
        if (!namespace.isEmpty()) {
            selector.setNamespace(namespace);
        }
        response.getRequirementsBuilder().putResources(requirement, selector.build());
        return this;
    }

    /** A Normal event on the composite; return these only on a transition, events are rate-limited. */
    public FunctionResponse normal(String reason, String message) {
        return result(Severity.SEVERITY_NORMAL, reason, message);
    }

    /** A Warning event on the composite; return these only on a transition, events are rate-limited. */
    public FunctionResponse warning(String reason, String message) {
        return result(Severity.SEVERITY_WARNING, reason, message);
    }

    /** Aborts the whole pipeline with a message the user can act on. */
    public FunctionResponse fatal(String reason, String message) {
        return result(Severity.SEVERITY_FATAL, reason, message);
    }

    /** Sets a condition on the composite, when this Crossplane supports function conditions. */
    public FunctionResponse condition(String type, boolean status, String reason, String message) {
        if (request.supports(Capability.CAPABILITY_CONDITIONS)) {
            response.addConditions(Condition.newBuilder().setType(type)
                    .setStatus(status ? Status.STATUS_CONDITION_TRUE : Status.STATUS_CONDITION_FALSE)
                    .setReason(reason).setMessage(message).setTarget(Target.TARGET_COMPOSITE));
        }
        return this;
    }

    /** The response as a message: what {@link #toByteArray()} sends, decoded. */
    public RunFunctionResponse build() {
        if (encoded.isEmpty()) {
            return response.build();
        }
        try {
            return RunFunctionResponse.parseFrom(toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a response this class wrote does not parse", e);
        }
    }

    /**
     * The response's encoding, as the server sends it. The desired state (field 2) is written last: the
     * message's own desired state (composite, earlier steps' resources, those composed as Structs), then
     * one {@code resources} map entry per encoded resource.
     */
    public byte[] toByteArray() {
        if (encoded.isEmpty()) {
            return response.build().toByteArray();
        }
        State desired = response.getDesired();
        response.clearDesired();
        byte[] rest = response.build().toByteArray();
        response.setDesired(desired);
        byte[] desiredBytes = desired.toByteArray();
        int[] entrySizes = new int[encoded.size()];
        int entriesSize = 0;
        int index = 0;
        for (Map.Entry<String, EncodedComposed> entry : encoded.entrySet()) {
            int size = entrySize(entry.getKey(), entry.getValue());
            entrySizes[index++] = size;
            entriesSize += CodedOutputStream.computeTagSize(2) + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
        }
        int desiredSize = desiredBytes.length + entriesSize;
        byte[] out = new byte[rest.length + CodedOutputStream.computeTagSize(2)
                + CodedOutputStream.computeUInt32SizeNoTag(desiredSize) + desiredSize];
        CodedOutputStream stream = CodedOutputStream.newInstance(out);
        try {
            stream.writeRawBytes(rest);
            stream.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            stream.writeUInt32NoTag(desiredSize);
            stream.writeRawBytes(desiredBytes);
            index = 0;
            for (Map.Entry<String, EncodedComposed> entry : encoded.entrySet()) {
                EncodedComposed composed = entry.getValue();
                // State.resources = 2: map entry {string key = 1; Resource value = 2}
                stream.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                stream.writeUInt32NoTag(entrySizes[index++]);
                stream.writeString(1, entry.getKey());
                stream.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                stream.writeUInt32NoTag(resourceSize(composed));
                // Resource {Struct resource = 1; Ready ready = 3}
                stream.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                stream.writeUInt32NoTag(composed.resource().size());
                composed.resource().writeTo(stream);
                stream.writeEnum(3, composed.ready().getNumber());
            }
            stream.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static int entrySize(String key, EncodedComposed composed) {
        int resource = resourceSize(composed);
        return CodedOutputStream.computeStringSize(1, key) + CodedOutputStream.computeTagSize(2)
                + CodedOutputStream.computeUInt32SizeNoTag(resource) + resource;
    }

    private static int resourceSize(EncodedComposed composed) {
        return CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(
                composed.resource().size()) + composed.resource().size()
                + CodedOutputStream.computeEnumSize(3, composed.ready().getNumber());
    }

    private FunctionResponse result(Severity severity, String reason, String message) {
        response.addResults(Result.newBuilder().setSeverity(severity).setReason(reason).setMessage(message)
                .setTarget(Target.TARGET_COMPOSITE));
        return this;
    }

    private static Duration duration(java.time.Duration duration) {
        return Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
    }
}
