package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One address handed out from a node's block. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IPAllocation(
        @JsonPropertyDescription("Who holds the address: namespace/name of a ServiceInterface, or of a pod and "
                + "its interface.")
        String owner,
        @JsonPropertyDescription("The address.")
        String ip) {
}
