package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceSpec;
import io.fabric8.generator.annotation.Required;

/** The desired state of a {@link DPU}. */
public class DPUSpec extends ManagedResourceSpec {

    @Required
    @JsonPropertyDescription("Which card, what to install on it, and which DPU cluster it joins.")
    private DPUParameters forProvider;

    public DPUParameters getForProvider() {
        return forProvider;
    }

    public void setForProvider(DPUParameters forProvider) {
        this.forProvider = forProvider;
    }
}
