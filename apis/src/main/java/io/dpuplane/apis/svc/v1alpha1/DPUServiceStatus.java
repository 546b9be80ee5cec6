package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceStatus;

/** The observed state of a {@link DPUService}. */
public class DPUServiceStatus extends ManagedResourceStatus {

    @JsonPropertyDescription("The release in each target cluster.")
    private DPUServiceObservation atProvider;

    public DPUServiceObservation getAtProvider() {
        return atProvider;
    }

    public void setAtProvider(DPUServiceObservation atProvider) {
        this.atProvider = atProvider;
    }
}
