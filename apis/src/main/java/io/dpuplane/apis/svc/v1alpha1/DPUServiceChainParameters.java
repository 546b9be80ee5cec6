package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/** The switches of a chain, in order, and the DPU nodes to program it on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DPUServiceChainParameters(
        @Required
        @Size(min = 1, max = 50)
        @JsonPropertyDescription("The switches of the chain, in order.")
        List<ChainSwitch> switches,
        @Required
        @JsonPropertyDescription("The DPU clusters to program the chain in.")
        ClusterTargets clusters,
        @JsonPropertyDescription("Labels of the DPU nodes within those clusters to program it on; unset means all.")
        Map<String, String> nodeSelector) {
}
