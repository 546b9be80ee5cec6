package io.dpuplane.functions;

import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.proto.v1beta1.FunctionRunnerService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * {@code apiextensions.fn.proto.v1beta1.FunctionRunnerService}: the same protocol under the name Crossplane
 * up to v1.16 calls, registered too as every function SDK does.
 */
@GrpcService
public class FunctionRunnerV1beta1 implements FunctionRunnerService {

    private final FunctionDispatcher dispatcher;

    public FunctionRunnerV1beta1(FunctionDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    @Blocking
    public Uni<RunFunctionResponse> runFunction(RunFunctionRequest request) {
        return Uni.createFrom().item(() -> FunctionRunner.run(dispatcher, request));
    }
}
