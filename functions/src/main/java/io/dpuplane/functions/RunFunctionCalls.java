package io.dpuplane.functions;

import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.sdk.FunctionRequest;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * RunFunction served at the wire level: the request reaches the function as its bytes, which
 * {@link FunctionRequest} reads in place, instead of being decoded by the generated stub into a tree of
 * protobuf Structs (for a 1,000-DPU set that tree was most of a call's time and nearly all its garbage).
 * The response is the generated message. The method keeps its generated descriptor (name, schema), so
 * reflection and metrics see the same service. Calls run on a worker thread: composing thousands of DPUs
 * must not hold a Vert.x event loop.
 */
final class RunFunctionCalls {

    private static final Logger LOG = Logger.getLogger(RunFunctionCalls.class);

    private RunFunctionCalls() {
    }

    /** The service {@code generated} describes (v1 or v1beta1), its RunFunction answered by {@code dispatcher}. */
    static ServerServiceDefinition serve(ServiceDescriptor generated,
            MethodDescriptor<RunFunctionRequest, RunFunctionResponse> runFunction, FunctionDispatcher dispatcher,
            Vertx vertx) {
        MethodDescriptor<byte[], RunFunctionResponse> method = runFunction.toBuilder(new RequestBytes(),
                ProtoUtils.marshaller(RunFunctionResponse.getDefaultInstance())).build();
        ServiceDescriptor service = ServiceDescriptor.newBuilder(generated.getName())
                .setSchemaDescriptor(generated.getSchemaDescriptor()).addMethod(method).build();
        return ServerServiceDefinition.builder(service)
                .addMethod(method, ServerCalls.asyncUnaryCall((request, response) ->
                        vertx.<RunFunctionResponse>executeBlocking(() -> run(dispatcher, request), false)
                                .onComplete(result -> {
                                    if (result.succeeded()) {
                                        response.onNext(result.result());
                                        response.onCompleted();
                                    } else {
                                        fail(response, result.cause());
                                    }
                                })))
                .build();
    }

    static RunFunctionResponse run(FunctionDispatcher dispatcher, byte[] bytes) throws IOException {
        long start = System.nanoTime();
        FunctionRequest request = FunctionRequest.parse(bytes);
        RunFunctionResponse response = dispatcher.run(request);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("RunFunction tag=%s input=%s: %d composed, %d results, %d requirements in %.1f ms",
                    request.tag(), request.input().kind().isEmpty() ? "-" : request.input().kind(),
                    response.getDesired().getResourcesCount(), response.getResultsCount(),
                    response.getRequirements().getResourcesCount(), (System.nanoTime() - start) / 1e6);
        }
        return response;
    }

    private static void fail(StreamObserver<RunFunctionResponse> response, Throwable cause) {
        if (cause instanceof IOException) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(cause.getMessage()).asRuntimeException());
        } else {
            LOG.error("RunFunction failed", cause);
            response.onError(Status.INTERNAL.withDescription(String.valueOf(cause)).asRuntimeException());
        }
    }

    /** The request as it arrived, undecoded. */
    private static final class RequestBytes implements MethodDescriptor.Marshaller<byte[]> {

        @Override
        public InputStream stream(byte[] value) {
            return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
