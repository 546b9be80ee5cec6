package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceSpec;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The desired state of a {@link DPUFlavor}; {@code forProvider} can never change after creation. */
public class DPUFlavorSpec extends ManagedResourceSpec {

    @Required
    @ValidationRule(value = "self == oldSelf", message = "DPUFlavor spec is immutable: create a new flavor")
    @JsonPropertyDescription("The DPU OS profile. Immutable: DPUs installed with a flavor must be reproducible, "
            + "so a change means a new flavor (and DPUs that switch to it are re-provisioned).")
    private DPUFlavorParameters forProvider;

    public DPUFlavorParameters getForProvider() {
        return forProvider;
    }

    public void setForProvider(DPUFlavorParameters forProvider) {
        this.forProvider = forProvider;
    }
}
