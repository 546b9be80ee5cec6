package io.dpuplane.functions.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Struct;
import io.dpuplane.functions.proto.v1.Capability;
import io.dpuplane.functions.proto.v1.Ready;
import io.dpuplane.functions.proto.v1.RequestMeta;
import io.dpuplane.functions.proto.v1.Resource;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.proto.v1.Severity;
import io.dpuplane.functions.proto.v1.State;
import io.dpuplane.functions.proto.v1.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionResponseTest {

    private static final Struct EARLIER_STATUS = Struct.newBuilder()
            .putFields("status", Structs.struct(Struct.newBuilder()
                    .putFields("network", Structs.text("ready")).build()))
            .build();

    private static FunctionRequest request(Capability... capabilities) {
        return new FunctionRequest(RunFunctionRequest.newBuilder()
                .setMeta(RequestMeta.newBuilder().setTag("tag-42").addAllCapabilities(List.of(capabilities)))
                .setDesired(State.newBuilder()
                        .setComposite(Resource.newBuilder().setResource(EARLIER_STATUS))
                        .putResources("bucket", Resource.newBuilder().setResource(Struct.newBuilder()
                                .putFields("kind", Structs.text("Bucket"))).build()))
                .setContext(Struct.newBuilder().putFields("apiextensions.crossplane.io/environment",
                        Structs.text("env")))
                .build());
    }

    @Test
    void startsWithTheTagTheDesiredStateAndContextOfTheRequestAndADefaultTtl() {
        RunFunctionResponse response = FunctionResponse.to(request()).build();

        assertThat(response.getMeta().getTag()).isEqualTo("tag-42");
        assertThat(response.getMeta().getTtl().getSeconds()).isEqualTo(60);
        assertThat(response.getDesired().getResourcesMap()).containsOnlyKeys("bucket");
        assertThat(response.getDesired().getComposite().getResource()).isEqualTo(EARLIER_STATUS);
        assertThat(response.getContext().getFieldsMap()).containsKey("apiextensions.crossplane.io/environment");
    }

    @Test
    void compositeStatusKeepsTheFieldsAnEarlierStepSetAndNeverTouchesSpecOrMetadata() {
        RunFunctionResponse response = FunctionResponse.to(request())
                .compositeStatus(Struct.newBuilder().putFields("desired", Structs.number(3)).build())
                .compositeReady(true)
                .build();

        Struct composite = response.getDesired().getComposite().getResource();
        assertThat(composite.getFieldsMap()).containsOnlyKeys("status");
        assertThat(composite.getFieldsOrThrow("status").getStructValue().getFieldsMap())
                .containsOnlyKeys("network", "desired");
        assertThat(response.getDesired().getComposite().getReady()).isEqualTo(Ready.READY_TRUE);
    }

    @Test
    void composedResourcesCarryExplicitReadinessAndRequirementsTheirNamespace() {
        RunFunctionResponse response = FunctionResponse.to(request())
                .compose("dpu-a", Struct.newBuilder().putFields("kind", Structs.text("DPU")).build(), false)
                .requireResources("devices", "provisioning.dpuplane.io/v1alpha1", "DPUDevice", "fleet",
                        Map.of("pool", "edge"))
                .ttl(Duration.ofSeconds(30))
                .build();

        assertThat(response.getDesired().getResourcesOrThrow("dpu-a").getReady()).isEqualTo(Ready.READY_FALSE);
        assertThat(response.getDesired().getResourcesMap()).containsKey("bucket");
        assertThat(response.getRequirements().getResourcesOrThrow("devices")).satisfies(selector -> {
            assertThat(selector.getKind()).isEqualTo("DPUDevice");
            assertThat(selector.getNamespace()).isEqualTo("fleet");
            assertThat(selector.getMatchLabels().getLabelsMap()).containsEntry("pool", "edge");
        });
        assertThat(response.getMeta().getTtl().getSeconds()).isEqualTo(30);
    }

    @Test
    void conditionsAreLeftOutWhenCrossplaneSaysItCannotTakeThem() {
        RunFunctionResponse withoutConditions = FunctionResponse.to(request(Capability.CAPABILITY_CAPABILITIES,
                Capability.CAPABILITY_REQUIRED_RESOURCES)).condition("DPUsReady", true, "AllReady", "ok").build();
        RunFunctionResponse withConditions = FunctionResponse.to(request(Capability.CAPABILITY_CAPABILITIES,
                Capability.CAPABILITY_CONDITIONS)).condition("DPUsReady", true, "AllReady", "ok").build();
        RunFunctionResponse beforeCapabilities = FunctionResponse.to(request())
                .condition("DPUsReady", false, "Failed", "dpu-a failed").build();

        assertThat(withoutConditions.getConditionsList()).isEmpty();
        assertThat(withConditions.getConditionsList()).singleElement()
                .satisfies(c -> assertThat(c.getStatus()).isEqualTo(Status.STATUS_CONDITION_TRUE));
        assertThat(beforeCapabilities.getConditionsList()).singleElement()
                .satisfies(c -> assertThat(c.getMessage()).isEqualTo("dpu-a failed"));
    }

    @Test
    void resultsTargetTheCompositeWithTheirReason() {
        RunFunctionResponse response = FunctionResponse.to(request())
                .warning("DPUsFailed", "1 DPU failed").normal("AllDPUsReady", "all 3 DPUs are Ready").build();

        assertThat(response.getResultsList()).extracting(r -> r.getSeverity(), r -> r.getReason())
                .containsExactly(tuple(Severity.SEVERITY_WARNING, "DPUsFailed"),
                        tuple(Severity.SEVERITY_NORMAL, "AllDPUsReady"));
    }

    @Test
    void anEncodedResourceIsSentAsTheSameStructAndReplacesOneOfTheSameName() throws Exception {
        Struct labels = Struct.newBuilder().putFields("pool", Structs.text("edge")).build();
        EncodedObject encoded = new EncodedObject().text("kind", "DPU")
                .object("metadata", new EncodedObject().fields(EncodedObject.of(labels)).text("name", "ünï"));
        Struct expected = Struct.newBuilder().putFields("kind", Structs.text("DPU"))
                .putFields("metadata", Structs.struct(labels.toBuilder().putFields("name", Structs.text("ünï"))
                        .build()))
                .build();
        FunctionResponse response = FunctionResponse.to(new FunctionRequest(RunFunctionRequest.newBuilder()
                .setDesired(State.newBuilder()
                        .putResources("earlier", Resource.getDefaultInstance())
                        .putResources("dpu-a", Resource.getDefaultInstance()))
                .build()));

        response.compose("dpu-a", encoded, true).compose("dpu-b", Struct.getDefaultInstance(), false);

        assertThat(Struct.parseFrom(encoded.toByteArray())).isEqualTo(expected);
        assertThat(response.composes("dpu-a")).isTrue();
        RunFunctionResponse sent = RunFunctionResponse.parseFrom(response.toByteArray());
        assertThat(sent).isEqualTo(response.build());
        assertThat(sent.getDesired().getResourcesMap()).containsOnlyKeys("earlier", "dpu-a", "dpu-b");
        assertThat(sent.getDesired().getResourcesOrThrow("dpu-a").getResource()).isEqualTo(expected);
        assertThat(sent.getDesired().getResourcesOrThrow("dpu-a").getReady())
                .isEqualTo(Ready.READY_TRUE);
        assertThat(sent.getMeta().getTtl().getSeconds()).isEqualTo(60);
    }
}
