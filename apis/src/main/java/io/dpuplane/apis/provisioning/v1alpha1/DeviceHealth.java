package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a card looks to its host agent. */
public enum DeviceHealth {
    @JsonProperty("Healthy")
    HEALTHY,
    @JsonProperty("Degraded")
    DEGRADED,
    @JsonProperty("Unresponsive")
    UNRESPONSIVE,
    @JsonProperty("Unknown")
    UNKNOWN
}
