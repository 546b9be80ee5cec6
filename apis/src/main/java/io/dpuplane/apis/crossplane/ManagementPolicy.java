package io.dpuplane.apis.crossplane;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the provider may do to the external resource ({@code spec.managementPolicies}). */
public enum ManagementPolicy {
    @JsonProperty("Observe")
    OBSERVE,
    @JsonProperty("Create")
    CREATE,
    @JsonProperty("Update")
    UPDATE,
    @JsonProperty("Delete")
    DELETE,
    @JsonProperty("LateInitialize")
    LATE_INITIALIZE,
    @JsonProperty("*")
    ALL
}
