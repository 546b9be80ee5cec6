package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The BlueField generation of a card. */
public enum DPUModel {
    @JsonProperty("BlueField-2")
    BLUEFIELD_2,
    @JsonProperty("BlueField-3")
    BLUEFIELD_3
}
