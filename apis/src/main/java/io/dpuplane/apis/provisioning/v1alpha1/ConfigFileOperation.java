package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a {@link ConfigFile} is written: replacing the file or appending to it. */
public enum ConfigFileOperation {
    @JsonProperty("override")
    OVERRIDE,
    @JsonProperty("append")
    APPEND
}
