package io.dpuplane.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import io.dpuplane.functions.proto.v1.RequestMeta;
import io.dpuplane.functions.proto.v1.Result;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.proto.v1.Severity;
import io.dpuplane.functions.sdk.CannotComposeException;
import io.dpuplane.functions.sdk.CompositionFunction;
import io.dpuplane.functions.sdk.FunctionRequest;
import io.dpuplane.functions.sdk.FunctionResponse;
import io.dpuplane.functions.sdk.Structs;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class FunctionDispatcherTest {

    private static CompositionFunction function(String kind, BiConsumer<FunctionRequest, FunctionResponse> body) {
        return new CompositionFunction() {
            @Override
            public String inputKind() {
                return kind;
            }

            @Override
            public void run(FunctionRequest request, FunctionResponse response) {
                body.accept(request, response);
            }
        };
    }

    private static RunFunctionRequest request(String apiVersion, String kind) {
        Struct.Builder input = Struct.newBuilder();
        if (apiVersion != null) {
            input.putFields("apiVersion", Structs.text(apiVersion)).putFields("kind", Structs.text(kind));
        }
        return RunFunctionRequest.newBuilder().setMeta(RequestMeta.newBuilder().setTag("t")).setInput(input).build();
    }

    private static Result onlyResult(RunFunctionResponse response) {
        assertThat(response.getResultsList()).hasSize(1);
        return response.getResults(0);
    }

    private final FunctionDispatcher dispatcher = new FunctionDispatcher(List.of(
            function("DPUSet", (req, rsp) -> rsp.normal("Composed", "composed")),
            function("Broken", (req, rsp) -> {
                throw new CannotComposeException("DPUSet edge: spec.bfbRef.name is required");
            }),
            function("Buggy", (req, rsp) -> {
                throw new IllegalStateException("index 3 out of bounds");
            })));

    @Test
    void theInputKindPicksTheFunction() {
        assertThat(onlyResult(dispatcher.run(request("fn.dpuplane.io/v1alpha1", "DPUSet"))).getMessage())
                .isEqualTo("composed");
    }

    @Test
    void anUnknownKindIsFatalAndListsTheKindsThereAre() {
        Result result = onlyResult(dispatcher.run(request("fn.dpuplane.io/v1alpha1", "DPUNetwork")));
        assertThat(result.getSeverity()).isEqualTo(Severity.SEVERITY_FATAL);
        assertThat(result.getMessage()).contains("DPUNetwork").contains("DPUSet");
    }

    @Test
    void aStepWithoutInputIsFatal() {
        Result result = onlyResult(dispatcher.run(request(null, null)));
        assertThat(result.getSeverity()).isEqualTo(Severity.SEVERITY_FATAL);
        assertThat(result.getReason()).isEqualTo("MissingInput");
    }

    @Test
    void anInputOfAnotherApiVersionIsFatalAndNamesTheOneExpected() {
        Result result = onlyResult(dispatcher.run(request("pt.fn.crossplane.io/v1beta1", "DPUSet")));
        assertThat(result.getSeverity()).isEqualTo(Severity.SEVERITY_FATAL);
        assertThat(result.getMessage()).contains("pt.fn.crossplane.io/v1beta1").contains("fn.dpuplane.io/v1alpha1");
    }

    @Test
    void aCompositeTheFunctionCannotComposeIsFatalWithItsMessageAndNothingHalfComposed() {
        RunFunctionResponse response = dispatcher.run(request("fn.dpuplane.io/v1alpha1", "Broken"));
        assertThat(onlyResult(response).getMessage()).isEqualTo("DPUSet edge: spec.bfbRef.name is required");
        assertThat(response.getMeta().getTag()).isEqualTo("t");
    }

    @Test
    void aBugInAFunctionBecomesAFatalResultNotAGrpcError() {
        Result result = onlyResult(dispatcher.run(request("fn.dpuplane.io/v1alpha1", "Buggy")));
        assertThat(result.getSeverity()).isEqualTo(Severity.SEVERITY_FATAL);
        assertThat(result.getMessage()).contains("Buggy function failed").contains("index 3 out of bounds")
                .doesNotContain("\tat ");
    }
}
