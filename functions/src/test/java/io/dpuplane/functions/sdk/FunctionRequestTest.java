package io.dpuplane.functions.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.dpuplane.functions.dpuset.Revision;
import io.dpuplane.functions.dpuset.TestFleet;
import io.dpuplane.functions.proto.v1.Capability;
import io.dpuplane.functions.proto.v1.RequestMeta;
import io.dpuplane.functions.proto.v1.Resource;
import io.dpuplane.functions.proto.v1.Resources;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request read in place from its bytes answers exactly as the decoded protobuf message does. */
class FunctionRequestTest {

    private static final Revision REVISION = new Revision("bf-bundle-2.9.1", "standard");

    private static RunFunctionRequest fleet() {
        return TestFleet.ofHosts(3).dpuSet("""
                nodeSelector: {matchLabels: {dpuplane.io/pool: edge}}
                bfbRef: {name: bf-bundle-2.9.1}
                flavorRef: {name: standard}
                dpuClusterRef: {name: edge}
                """).observedDpu("worker-1", REVISION, true).observedDpu("worker-2", REVISION, false).request();
    }

    @Test
    void everyObjectReadInPlaceEqualsTheDecodedOne() {
        RunFunctionRequest raw = fleet().toBuilder().setContext(Struct.newBuilder()
                .putFields("apiextensions.crossplane.io/environment", Structs.text("x")))
                .setDesired(State.newBuilder().putResources("earlier", Resource.newBuilder()
                        .setResource(Struct.newBuilder().putFields("kind", Structs.text("ConfigMap"))).build()))
                .build();

        FunctionRequest request = new FunctionRequest(raw);

        assertThat(request.tag()).isEqualTo(raw.getMeta().getTag());
        assertThat(request.input().object()).isEqualTo(raw.getInput());
        assertThat(request.observedComposite().object()).isEqualTo(raw.getObserved().getComposite().getResource());
        assertThat(request.observedComposed().keySet()).containsExactlyElementsOf(
                raw.getObserved().getResourcesMap().keySet());
        raw.getObserved().getResourcesMap().forEach((key, resource) ->
                assertThat(request.observedComposed().get(key).object()).isEqualTo(resource.getResource()));
        raw.getRequiredResourcesMap().forEach((key, resources) ->
                assertThat(request.requiredResources(key).orElseThrow()).extracting(Unstructured::object)
                        .containsExactlyElementsOf(resources.getItemsList().stream().map(Resource::getResource)
                                .toList()));
        assertThat(request.requiredResources("absent")).isEmpty();
        assertThat(request.desired()).isEqualTo(raw.getDesired());
        assertThat(request.context()).contains(raw.getContext());
        assertThat(request.supports(Capability.CAPABILITY_CONDITIONS)).isTrue();
    }

    @Test
    void fieldsReadInPlaceAnswerAsTheDecodedStructDoes() {
        Struct object = Struct.newBuilder()
                .putFields("kind", Structs.text("DPU"))
                .putFields("naïve", Structs.text("ünïcode"))
                .putFields("", Structs.text("empty key"))
                .putFields("count", Structs.number(42))
                .putFields("flag", Value.newBuilder().setBoolValue(true).build())
                .putFields("nothing", Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build())
                .putFields("unset", Value.getDefaultInstance())
                .putFields("metadata", Structs.struct(Struct.newBuilder()
                        .putFields("name", Structs.text("a"))
                        .putFields("generation", Structs.number(3))
                        .putFields("labels", Structs.struct(Struct.newBuilder()
                                .putFields("pool", Structs.text("edge"))
                                .putFields("odd", Structs.number(1)).build())).build()))
                .putFields("status", Structs.struct(Struct.newBuilder().putFields("conditions",
                        Value.newBuilder().setListValue(ListValue.newBuilder()
                                .addValues(Structs.text("not an object"))
                                .addValues(Structs.struct(Struct.newBuilder()
                                        .putFields("type", Structs.text("Ready"))
                                        .putFields("reason", Structs.text("Available"))
                                        .putFields("observedGeneration", Structs.number(3)).build()))).build())
                        .build()))
                .build();
        Unstructured decoded = new Unstructured(object);
        Unstructured inPlace = inPlace(object);

        for (Unstructured u : List.of(decoded, inPlace)) {
            assertThat(u.kind()).isEqualTo("DPU");
            assertThat(u.text("naïve")).isEqualTo("ünïcode");
            assertThat(u.hasText("naïve", "ünïcode")).isTrue();
            assertThat(u.text("")).isEqualTo("empty key");
            assertThat(u.text("count")).isEmpty();
            assertThat(u.integer("count")).isEqualTo(42);
            assertThat(u.integer("kind")).isZero();
            assertThat(u.hasText("flag", "true")).isFalse();
            assertThat(u.object("kind")).isSameAs(Unstructured.EMPTY);
            assertThat(u.object("absent", "deeper").isEmpty()).isTrue();
            assertThat(u.name()).isEqualTo("a");
            assertThat(u.generation()).isEqualTo(3);
            assertThat(u.labels()).containsExactly(Map.entry("pool", "edge"));
            assertThat(u.object("metadata", "labels").hasTexts(Map.of("pool", "edge"))).isTrue();
            assertThat(u.object("metadata", "labels").hasTexts(Map.of("odd", "1"))).isFalse();
            assertThat(u.condition("Ready")).hasValueSatisfying(c -> {
                assertThat(c.status()).isEqualTo("Unknown");
                assertThat(c.reason()).isEqualTo("Available");
                assertThat(c.observedGeneration()).isEqualTo(3);
            });
            assertThat(u.objects("status")).isEmpty();
            assertThat(u.object("status").objects("conditions")).hasSize(1);
            assertThat(u.list("status", "conditions")).hasSize(2);
        }
        for (String field : object.getFieldsMap().keySet()) {
            assertThat(inPlace.value(field)).as(field).isEqualTo(decoded.value(field));
            assertThat(inPlace.string(field)).as(field).isEqualTo(decoded.string(field));
            assertThat(inPlace.number(field)).as(field).isEqualTo(decoded.number(field));
            assertThat(inPlace.struct(field)).as(field).isEqualTo(decoded.struct(field));
        }
        assertThat(inPlace.struct("metadata", "labels")).isEqualTo(decoded.struct("metadata", "labels"));
        assertThat(inPlace).isEqualTo(decoded);
    }

    @Test
    void aDuplicatedKeyReadsAsItsLastValueAsAParserWould() throws InvalidProtocolBufferException {
        byte[] first = Struct.newBuilder().putFields("name", Structs.text("first")).build().toByteArray();
        byte[] second = Struct.newBuilder().putFields("name", Structs.text("second")).build().toByteArray();
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        Unstructured object = Unstructured.encoded(both, 0, both.length);

        assertThat(object.text("name")).isEqualTo(Struct.parseFrom(both).getFieldsOrThrow("name").getStringValue())
                .isEqualTo("second");
    }

    @Test
    void bytesThatAreNotARequestAreRefused() {
        byte[] truncated = fleet().toByteArray();
        byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length / 2);

        assertThatThrownBy(() -> FunctionRequest.parse(cut)).isInstanceOf(InvalidProtocolBufferException.class);
    }

    @Test
    void aRequestWithoutInventoryHasNoRequiredResourcesAndAnEmptyListMeansNoneFound() {
        RunFunctionRequest raw = RunFunctionRequest.newBuilder().setMeta(RequestMeta.newBuilder().setTag("t"))
                .putRequiredResources("dpudevices", Resources.getDefaultInstance()).build();

        FunctionRequest request = new FunctionRequest(raw);

        assertThat(request.requiredResources("dpudevices")).contains(List.of());
        assertThat(request.observedComposite().isEmpty()).isTrue();
        assertThat(request.input().isEmpty()).isTrue();
        assertThat(request.context()).isEmpty();
    }

    private static Unstructured inPlace(Struct object) {
        byte[] bytes = object.toByteArray();
        return Unstructured.encoded(bytes, 0, bytes.length);
    }
}
