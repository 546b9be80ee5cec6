package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceStatus;

/** The observed state of a {@link DPUServiceIPAM}. */
public class DPUServiceIPAMStatus extends ManagedResourceStatus {

    @JsonPropertyDescription("The per-node blocks, rolled up.")
    private DPUServiceIPAMObservation atProvider;

    public DPUServiceIPAMObservation getAtProvider() {
        return atProvider;
    }

    public void setAtProvider(DPUServiceIPAMObservation atProvider) {
        this.atProvider = atProvider;
    }
}
