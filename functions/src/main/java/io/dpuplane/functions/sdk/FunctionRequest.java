package io.dpuplane.functions.sdk;

import io.dpuplane.functions.proto.v1.Capability;
import io.dpuplane.functions.proto.v1.Resource;
import io.dpuplane.functions.proto.v1.Resources;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What Crossplane asks of a function, read the way a function thinks about it. */
public final class FunctionRequest {

    private final RunFunctionRequest request;

    public FunctionRequest(RunFunctionRequest request) {
        this.request = request;
    }

    public RunFunctionRequest raw() {
        return request;
    }

    public String tag() {
        return request.getMeta().getTag();
    }

    /** The pipeline step's input; empty when the step has none. */
    public Unstructured input() {
        return request.hasInput() ? new Unstructured(request.getInput()) : Unstructured.EMPTY;
    }

    /**
     * Whether Crossplane said what it supports. Crossplane before v2.2 sends no capabilities at all, so a
     * missing capability means "unknown" there, and "unsupported" only when this is true.
     */
    public boolean advertisesCapabilities() {
        return request.getMeta().getCapabilitiesList().contains(Capability.CAPABILITY_CAPABILITIES);
    }

    /** Whether Crossplane supports a capability: it says so, or it predates capabilities. */
    public boolean supports(Capability capability) {
        return !advertisesCapabilities() || request.getMeta().getCapabilitiesList().contains(capability);
    }

    /** The composite resource (XR) as observed at the start of the pipeline. */
    public Unstructured observedComposite() {
        return new Unstructured(request.getObserved().getComposite().getResource());
    }

    /** The composed resources that exist, by composition-resource-name. */
    public Map<String, Unstructured> observedComposed() {
        Map<String, Unstructured> observed = new LinkedHashMap<>();
        request.getObserved().getResourcesMap().forEach((name, resource) ->
                observed.put(name, new Unstructured(resource.getResource())));
        return Collections.unmodifiableMap(observed);
    }

    /**
     * The objects Crossplane fetched for a requirement this function returned; empty until Crossplane has
     * supplied them (an empty list means "fetched, none found").
     */
    public Optional<List<Unstructured>> requiredResources(String requirement) {
        Resources resources = request.getRequiredResourcesMap().get(requirement);
        if (resources == null) {
            return Optional.empty();
        }
        List<Unstructured> items = new ArrayList<>(resources.getItemsCount());
        for (Resource item : resources.getItemsList()) {
            items.add(new Unstructured(item.getResource()));
        }
        return Optional.of(items);
    }
}
