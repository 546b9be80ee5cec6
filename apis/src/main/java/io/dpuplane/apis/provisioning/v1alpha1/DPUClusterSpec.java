package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceSpec;
import io.fabric8.generator.annotation.Required;

/** The desired state of a {@link DPUCluster}. */
public class DPUClusterSpec extends ManagedResourceSpec {

    @Required
    @JsonPropertyDescription("What kind of cluster it is and how to reach it.")
    private DPUClusterParameters forProvider;

    public DPUClusterParameters getForProvider() {
        return forProvider;
    }

    public void setForProvider(DPUClusterParameters forProvider) {
        this.forProvider = forProvider;
    }
}
