package io.dpuplane.functions;

import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.sdk.FunctionRequest;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
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
 * The response goes out as the bytes the function's response wrote ({@code FunctionResponse#toByteArray}).
 * The method keeps its generated descriptor (name, schema), so
 * reflection and metrics see the same service. Calls run on a worker thread: composing thousands of DPUs
 * must not hold a Vert.x event loop.
 */
public final class RunFunctionCalls {

    private static final Logger LOG = Logger.getLogger(RunFunctionCalls.class);

    private RunFunctionCalls() {
    }

    /** The service {@code generated} describes (v1 or v1beta1), its RunFunction answered by {@code dispatcher}. */
    static ServerServiceDefinition serve(ServiceDescriptor generated,
            MethodDescriptor<RunFunctionRequest, RunFunctionResponse> runFunction, FunctionDispatcher dispatcher,
            Vertx vertx) {
        MethodDescriptor<byte[], byte[]> method = asBytes(runFunction);
        ServiceDescriptor service = ServiceDescriptor.newBuilder(generated.getName())
                .setSchemaDescriptor(generated.getSchemaDescriptor()).addMethod(method).build();
        return ServerServiceDefinition.builder(service)
                .addMethod(method, ServerCalls.asyncUnaryCall((request, response) ->
                        vertx.<byte[]>executeBlocking(() -> run(dispatcher, request), false)
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

    /**
     * A RunFunction method whose request and response are their bytes, as served here; a client that must not
     * count its own protobuf work (the latency benchmark) calls it the same way.
     */
    public static MethodDescriptor<byte[], byte[]> asBytes(MethodDescriptor<?, ?> runFunction) {
        return runFunction.toBuilder(new Bytes(), new Bytes()).build();
    }

    static byte[] run(FunctionDispatcher dispatcher, byte[] bytes) throws IOException {
        long start = System.nanoTime();
        FunctionRequest request = FunctionRequest.parse(bytes);
        byte[] response = dispatcher.serve(request);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("RunFunction tag=%s input=%s: %d bytes in, %d bytes out in %.1f ms", request.tag(),
                    request.input().kind().isEmpty() ? "-" : request.input().kind(), bytes.length, response.length,
                    (System.nanoTime() - start) / 1e6);
        }
        return response;
    }

    private static void fail(StreamObserver<byte[]> response, Throwable cause) {
        if (cause instanceof IOException) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(cause.getMessage()).asRuntimeException());
        } else {
            LOG.error("RunFunction failed", cause);
            response.onError(Status.INTERNAL.withDescription(String.valueOf(cause)).asRuntimeException());
        }
    }

    /** A message as its bytes: the request as it arrived, the response as the function wrote it. */
    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {

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
