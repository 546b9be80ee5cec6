package io.dpuplane.functions.sdk;

/**
 * One dpuplane composition function. The server picks it by the kind of the pipeline step's input
 * ({@code apiVersion: fn.dpuplane.io/v1alpha1}) and hands it a response already carrying everything the
 * protocol requires, to which it adds what it composes.
 */
public interface CompositionFunction {

    /** The apiVersion of every dpuplane function input. */
    String INPUT_API_VERSION = "fn.dpuplane.io/v1alpha1";

    /** The input kind this function answers to, e.g. {@code DPUSet}. */
    String inputKind();

    /** Composes for one request; throws {@link CannotComposeException} for a composite it cannot compose. */
    void run(FunctionRequest request, FunctionResponse response);
}
