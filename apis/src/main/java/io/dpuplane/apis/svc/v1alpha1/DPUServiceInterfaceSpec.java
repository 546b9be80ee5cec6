package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceSpec;
import io.fabric8.generator.annotation.Required;

/** The desired state of a {@link DPUServiceInterface}. */
public class DPUServiceInterfaceSpec extends ManagedResourceSpec {

    @Required
    @JsonPropertyDescription("The interface and the DPU nodes to create it on.")
    private DPUServiceInterfaceParameters forProvider;

    public DPUServiceInterfaceParameters getForProvider() {
        return forProvider;
    }

    public void setForProvider(DPUServiceInterfaceParameters forProvider) {
        this.forProvider = forProvider;
    }
}
