package io.dpuplane.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.dpuplane.functions.proto.v1.FunctionRunnerService;
import io.dpuplane.functions.proto.v1.RequestMeta;
import io.dpuplane.functions.proto.v1.Resource;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.proto.v1.Severity;
import io.dpuplane.functions.proto.v1.State;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Calls the running function server over real gRPC, as Crossplane does. */
@QuarkusTest
class FunctionRunnerTest {

    @GrpcClient("function")
    FunctionRunnerService function;

    private static Value text(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    private static RunFunctionRequest request(String inputKind) {
        Struct composed = Struct.newBuilder().putFields("kind", text("ConfigMap")).build();
        return RunFunctionRequest.newBuilder()
                .setMeta(RequestMeta.newBuilder().setTag("tag-7f3a"))
                .setDesired(State.newBuilder().putResources("earlier-step", Resource.newBuilder().setResource(composed).build()))
                .setInput(Struct.newBuilder().putFields("apiVersion", text("fn.dpuplane.io/v1alpha1"))
                        .putFields("kind", text(inputKind)))
                .build();
    }

    @Test
    void responseCopiesTheTagSetsATtlAndPassesDesiredStateThrough() {
        RunFunctionResponse response = function.runFunction(request("Nonexistent")).await().atMost(Duration.ofSeconds(10));
        assertThat(response.getMeta().getTag()).isEqualTo("tag-7f3a");
        assertThat(response.getMeta().getTtl().getSeconds()).isPositive();
        assertThat(response.getDesired().getResourcesMap()).containsKey("earlier-step");
    }

    @Test
    void inputKindNoFunctionHandlesIsAFatalResultThatNamesIt() {
        RunFunctionResponse response = function.runFunction(request("Nonexistent")).await().atMost(Duration.ofSeconds(10));
        assertThat(response.getResultsList()).singleElement().satisfies(result -> {
            assertThat(result.getSeverity()).isEqualTo(Severity.SEVERITY_FATAL);
            assertThat(result.getMessage()).contains("Nonexistent");
        });
    }

    @Test
    void fieldNumbersMatchCrossplanesWireFormat() throws Exception {
        // RequestMeta.tag = 1 and RunFunctionRequest.meta = 1: bytes 0x0a <len> 0x0a <len> "t".
        byte[] bytes = RunFunctionRequest.newBuilder().setMeta(RequestMeta.newBuilder().setTag("t")).build().toByteArray();
        assertThat(bytes).containsExactly(0x0a, 0x03, 0x0a, 0x01, 't');
        // RunFunctionRequest.required_resources = 8 is a map field: tag (8 << 3 | 2) = 0x42.
        byte[] required = RunFunctionRequest.newBuilder()
                .putRequiredResources("k", io.dpuplane.functions.proto.v1.Resources.getDefaultInstance())
                .build().toByteArray();
        assertThat(required[0]).isEqualTo((byte) 0x42);
    }
}
