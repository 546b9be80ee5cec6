package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceStatus;

/** The observed state of a {@link DPUFlavor}. */
public class DPUFlavorStatus extends ManagedResourceStatus {

    @JsonPropertyDescription("What the provider rendered from the flavor.")
    private DPUFlavorObservation atProvider;

    public DPUFlavorObservation getAtProvider() {
        return atProvider;
    }

    public void setAtProvider(DPUFlavorObservation atProvider) {
        this.atProvider = atProvider;
    }
}
