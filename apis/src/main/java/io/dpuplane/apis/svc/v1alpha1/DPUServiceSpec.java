package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceSpec;
import io.fabric8.generator.annotation.Required;

/** The desired state of a {@link DPUService}. */
public class DPUServiceSpec extends ManagedResourceSpec {

    @Required
    @JsonPropertyDescription("The chart, its values, and where to release it.")
    private DPUServiceParameters forProvider;

    public DPUServiceParameters getForProvider() {
        return forProvider;
    }

    public void setForProvider(DPUServiceParameters forProvider) {
        this.forProvider = forProvider;
    }
}
