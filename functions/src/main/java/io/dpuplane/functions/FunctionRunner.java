package io.dpuplane.functions;

import com.google.protobuf.Duration;
import com.google.protobuf.Value;
import io.dpuplane.functions.proto.v1.FunctionRunnerService;
import io.dpuplane.functions.proto.v1.ResponseMeta;
import io.dpuplane.functions.proto.v1.Result;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.proto.v1.Severity;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/**
 * The one gRPC entry point Crossplane calls. It honours the protocol every function must (copy the tag,
 * pass desired state through, set a TTL) and dispatches on the step input's kind; a kind no dpuplane
 * function handles is a Fatal result naming it.
 */
@GrpcService
public class FunctionRunner implements FunctionRunnerService {

    static final Duration TTL = Duration.newBuilder().setSeconds(60).build();

    @Override
    public Uni<RunFunctionResponse> runFunction(RunFunctionRequest request) {
        return Uni.createFrom().item(() -> run(request));
    }

    RunFunctionResponse run(RunFunctionRequest request) {
        RunFunctionResponse.Builder response = RunFunctionResponse.newBuilder()
                .setMeta(ResponseMeta.newBuilder().setTag(request.getMeta().getTag()).setTtl(TTL))
                .setDesired(request.getDesired());
        if (request.hasContext()) {
            response.setContext(request.getContext());
        }
        String kind = inputKind(request);
        return response.addResults(Result.newBuilder()
                        .setSeverity(Severity.SEVERITY_FATAL)
                        .setReason("UnknownInput")
                        .setMessage(kind.isEmpty()
                                ? "the pipeline step has no input: give it an input with apiVersion and kind"
                                : "no dpuplane function handles input kind " + kind))
                .build();
    }

    private static String inputKind(RunFunctionRequest request) {
        if (!request.hasInput()) {
            return "";
        }
        Value kind = request.getInput().getFieldsMap().get("kind");
        return kind == null ? "" : kind.getStringValue();
    }
}
