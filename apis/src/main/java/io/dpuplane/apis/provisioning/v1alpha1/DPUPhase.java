package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a {@link DPU} is in its provisioning, in order; Error is retried and Deleting ends it. */
public enum DPUPhase {
    @JsonProperty("Initializing")
    INITIALIZING,
    @JsonProperty("NodeEffect")
    NODE_EFFECT,
    @JsonProperty("Pending")
    PENDING,
    @JsonProperty("OSInstalling")
    OS_INSTALLING,
    @JsonProperty("Rebooting")
    REBOOTING,
    @JsonProperty("HostNetworkConfiguration")
    HOST_NETWORK_CONFIGURATION,
    @JsonProperty("DPUClusterConfig")
    DPU_CLUSTER_CONFIG,
    @JsonProperty("Ready")
    READY,
    @JsonProperty("Error")
    ERROR,
    @JsonProperty("Deleting")
    DELETING
}
