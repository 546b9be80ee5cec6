package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceSpec;
import io.fabric8.generator.annotation.Required;

/** The desired state of a {@link DPUServiceIPAM}. */
public class DPUServiceIPAMSpec extends ManagedResourceSpec {

    @Required
    @JsonPropertyDescription("The pool, its per-node blocks, and the DPU nodes that get one.")
    private DPUServiceIPAMParameters forProvider;

    public DPUServiceIPAMParameters getForProvider() {
        return forProvider;
    }

    public void setForProvider(DPUServiceIPAMParameters forProvider) {
        this.forProvider = forProvider;
    }
}
