package io.dpuplane.functions;

import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.sdk.CannotComposeException;
import io.dpuplane.functions.sdk.CompositionFunction;
import io.dpuplane.functions.sdk.FunctionRequest;
import io.dpuplane.functions.sdk.FunctionResponse;
import io.dpuplane.functions.sdk.Unstructured;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Picks the dpuplane function for a pipeline step by its input's kind and runs it. Whatever goes wrong
 * becomes a Fatal result that says what and where, never a gRPC error: Crossplane shows a result to the
 * composite's owner, an RPC failure only in its own logs.
 */
@ApplicationScoped
public class FunctionDispatcher {

    private static final Logger LOG = Logger.getLogger(FunctionDispatcher.class);

    private final Map<String, CompositionFunction> functions = new TreeMap<>();

    @Inject
    public FunctionDispatcher(@Any Instance<CompositionFunction> functions) {
        this((Iterable<CompositionFunction>) functions);
    }

    public FunctionDispatcher(Iterable<CompositionFunction> functions) {
        for (CompositionFunction function : functions) {
            CompositionFunction clash = this.functions.put(function.inputKind(), function);
            if (clash != null) {
                throw new IllegalStateException("two functions take input kind " + function.inputKind() + ": "
                        + clash.getClass().getName() + " and " + function.getClass().getName());
            }
        }
    }

    public RunFunctionResponse run(RunFunctionRequest request) {
        return run(new FunctionRequest(request));
    }

    public RunFunctionResponse run(FunctionRequest request) {
        return dispatch(request).build();
    }

    /** The response's encoding, as the server sends it: composed resources given encoded stay so. */
    public byte[] serve(FunctionRequest request) {
        return dispatch(request).toByteArray();
    }

    private FunctionResponse dispatch(FunctionRequest request) {
        Unstructured input = request.input();
        if (input.kind().isEmpty()) {
            return FunctionResponse.to(request).fatal("MissingInput", "the pipeline step has no input: give it "
                    + "an input with apiVersion " + CompositionFunction.INPUT_API_VERSION + " and a kind, one of "
                    + functions.keySet());
        }
        CompositionFunction function = functions.get(input.kind());
        if (function == null) {
            return FunctionResponse.to(request).fatal("UnknownInput", "no dpuplane function handles input kind "
                    + input.kind() + "; known kinds: " + functions.keySet());
        }
        if (!CompositionFunction.INPUT_API_VERSION.equals(input.apiVersion())) {
            return FunctionResponse.to(request).fatal("UnknownInput", "input " + input.kind() + " has apiVersion "
                    + input.apiVersion() + "; dpuplane functions take " + CompositionFunction.INPUT_API_VERSION);
        }
        FunctionResponse response = FunctionResponse.to(request);
        try {
            function.run(request, response);
            return response;
        } catch (CannotComposeException e) {
            return FunctionResponse.to(request).fatal("CannotCompose", e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s function failed for %s", input.kind(), composite(request));
            return FunctionResponse.to(request).fatal("FunctionError", input.kind() + " function failed for "
                    + composite(request) + ": " + e);
        }
    }

    private static String composite(FunctionRequest request) {
        Unstructured xr = request.observedComposite();
        return xr.kind() + " " + (xr.namespace().isEmpty() ? "" : xr.namespace() + "/") + xr.name();
    }
}
