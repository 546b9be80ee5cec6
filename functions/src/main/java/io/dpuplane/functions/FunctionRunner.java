package io.dpuplane.functions;

import io.dpuplane.functions.proto.v1.FunctionRunnerServiceGrpc;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.quarkus.grpc.GrpcService;
import io.vertx.core.Vertx;

/** {@code apiextensions.fn.proto.v1.FunctionRunnerService}, the service Crossplane v1.17 and later call. */
@GrpcService
public class FunctionRunner implements BindableService {

    private final FunctionDispatcher dispatcher;
    private final Vertx vertx;

    public FunctionRunner(FunctionDispatcher dispatcher, Vertx vertx) {
        this.dispatcher = dispatcher;
        this.vertx = vertx;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return RunFunctionCalls.serve(FunctionRunnerServiceGrpc.getServiceDescriptor(),
                FunctionRunnerServiceGrpc.getRunFunctionMethod(), dispatcher, vertx);
    }
}
