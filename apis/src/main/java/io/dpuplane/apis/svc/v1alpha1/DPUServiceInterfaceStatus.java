package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ManagedResourceStatus;

/** The observed state of a {@link DPUServiceInterface}. */
public class DPUServiceInterfaceStatus extends ManagedResourceStatus {

    @JsonPropertyDescription("The per-node ServiceInterfaces, rolled up.")
    private NodeRollup atProvider;

    public NodeRollup getAtProvider() {
        return atProvider;
    }

    public void setAtProvider(NodeRollup atProvider) {
        this.atProvider = atProvider;
    }
}
