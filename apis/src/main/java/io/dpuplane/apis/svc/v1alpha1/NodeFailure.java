package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A DPU node where a mirrored object is not programmed, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeFailure(
        @JsonPropertyDescription("The DPUCluster the node belongs to.")
        String cluster,
        @JsonPropertyDescription("The node's name in that cluster.")
        String node,
        @JsonPropertyDescription("The error the node's agent reported, e.g. the OVS message.")
        String message) {
}
