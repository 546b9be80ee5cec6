package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceStatus;

/** The observed state of a {@link DPU}. */
public class DPUStatus extends ManagedResourceStatus {

    @JsonPropertyDescription("What the provider observed of the card, its install and its node.")
    private DPUObservation atProvider;

    public DPUObservation getAtProvider() {
        return atProvider;
    }

    public void setAtProvider(DPUObservation atProvider) {
        this.atProvider = atProvider;
    }
}
