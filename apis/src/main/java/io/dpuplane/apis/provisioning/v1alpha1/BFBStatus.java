package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceStatus;

/** The observed state of a {@link BFB}. */
public class BFBStatus extends ManagedResourceStatus {

    @JsonPropertyDescription("What the provider observed of the cached image.")
    private BFBObservation atProvider;

    public BFBObservation getAtProvider() {
        return atProvider;
    }

    public void setAtProvider(BFBObservation atProvider) {
        this.atProvider = atProvider;
    }
}
