package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceStatus;

/** The observed state of a {@link DPUCluster}. */
public class DPUClusterStatus extends ManagedResourceStatus {

    @JsonPropertyDescription("What the provider observed of the cluster.")
    private DPUClusterObservation atProvider;

    public DPUClusterObservation getAtProvider() {
        return atProvider;
    }

    public void setAtProvider(DPUClusterObservation atProvider) {
        this.atProvider = atProvider;
    }
}
