package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceSpec;
import io.fabric8.generator.annotation.Required;

/** The desired state of a {@link BFB}. */
public class BFBSpec extends ManagedResourceSpec {

    @Required
    @JsonPropertyDescription("Where to download the BFB from.")
    private BFBParameters forProvider;

    public BFBParameters getForProvider() {
        return forProvider;
    }

    public void setForProvider(BFBParameters forProvider) {
        this.forProvider = forProvider;
    }
}
