package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a {@link DPUCluster} comes to exist. */
public enum DPUClusterType {
    @JsonProperty("static")
    STATIC,
    @JsonProperty("sandbox")
    SANDBOX,
    @JsonProperty("kamaji")
    KAMAJI
}
