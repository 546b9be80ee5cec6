package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the pool's blocks are used across the DPU nodes it is mirrored to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DPUServiceIPAMObservation(
        @JsonPropertyDescription("DPU nodes that have taken their block.")
        Integer nodesAllocated,
        @JsonPropertyDescription("Blocks of the pool in use.")
        Integer blocksInUse,
        @JsonPropertyDescription("Blocks of the pool still free; at 0 further nodes get none.")
        Integer blocksFree) {
}
