package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The switches of one chain on one DPU node, in order. */
@ValidationRule(value = "self.node == oldSelf.node",
        message = "node is immutable: the chain belongs to one DPU node", fieldPath = ".node")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceChainSpec(
        @Required
        @JsonPropertyDescription("The DPU node (Node name in the DPU cluster) whose agent installs the flows. "
                + "Immutable.")
        String node,
        @Required
        @Size(min = 1, max = 50)
        @JsonPropertyDescription("The switches of the chain, in order.")
        List<ResolvedSwitch> switches) {
}
