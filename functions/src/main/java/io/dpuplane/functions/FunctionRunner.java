package io.dpuplane.functions;

import io.dpuplane.functions.proto.v1.FunctionRunnerService;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * {@code apiextensions.fn.proto.v1.FunctionRunnerService}, the service Crossplane v1.17 and later call.
 * Runs on a worker thread: composing thousands of DPUs must not hold a Vert.x event loop.
 */
@GrpcService
public class FunctionRunner implements FunctionRunnerService {

    private static final Logger LOG = Logger.getLogger(FunctionRunner.class);

    private final FunctionDispatcher dispatcher;

    public FunctionRunner(FunctionDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    @Blocking
    public Uni<RunFunctionResponse> runFunction(RunFunctionRequest request) {
        return Uni.createFrom().item(() -> run(dispatcher, request));
    }

    static RunFunctionResponse run(FunctionDispatcher dispatcher, RunFunctionRequest request) {
        long start = System.nanoTime();
        RunFunctionResponse response = dispatcher.run(request);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("RunFunction tag=%s input=%s: %d composed, %d results, %d requirements in %.1f ms",
                    request.getMeta().getTag(), request.getInput().getFieldsMap().containsKey("kind")
                            ? request.getInput().getFieldsOrThrow("kind").getStringValue() : "-",
                    response.getDesired().getResourcesCount(), response.getResultsCount(),
                    response.getRequirements().getResourcesCount(), (System.nanoTime() - start) / 1e6);
        }
        return response;
    }
}
