package io.dpuplane.functions;

import io.dpuplane.functions.proto.v1beta1.FunctionRunnerServiceGrpc;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.quarkus.grpc.GrpcService;
import io.vertx.core.Vertx;

/**
 * {@code apiextensions.fn.proto.v1beta1.FunctionRunnerService}: the same protocol under the name Crossplane
 * up to v1.16 calls, registered too as every function SDK does.
 */
@GrpcService
public class FunctionRunnerV1beta1 implements BindableService {

    private final FunctionDispatcher dispatcher;
    private final Vertx vertx;

    public FunctionRunnerV1beta1(FunctionDispatcher dispatcher, Vertx vertx) {
        this.dispatcher = dispatcher;
        this.vertx = vertx;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return RunFunctionCalls.serve(FunctionRunnerServiceGrpc.getServiceDescriptor(),
                FunctionRunnerServiceGrpc.getRunFunctionMethod(), dispatcher, vertx);
    }
}
