package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceSpec;
import io.fabric8.generator.annotation.Required;

/** The desired state of a {@link DPUServiceChain}. */
public class DPUServiceChainSpec extends ManagedResourceSpec {

    @Required
    @JsonPropertyDescription("The switches of the chain and the DPU nodes to program it on.")
    private DPUServiceChainParameters forProvider;

    public DPUServiceChainParameters getForProvider() {
        return forProvider;
    }

    public void setForProvider(DPUServiceChainParameters forProvider) {
        this.forProvider = forProvider;
    }
}
