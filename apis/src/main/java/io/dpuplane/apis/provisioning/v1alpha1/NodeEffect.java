package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What the provider does to the host Node before it (re)provisions the DPU, and undoes once the DPU is
 * Ready: nothing, a taint, a label, or a drain. Exactly one is set.
 */
@ValidationRule(value = "(has(self.none) && self.none ? 1 : 0) + (has(self.taint) ? 1 : 0) "
        + "+ (has(self.label) ? 1 : 0) + (has(self.drain) ? 1 : 0) == 1",
        message = "nodeEffect must set exactly one of none: true, taint, label or drain")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeEffect(
        @JsonPropertyDescription("true: leave the host Node alone (the workloads on it accept the DPU going away).")
        Boolean none,
        @JsonPropertyDescription("Taint the host Node for the duration.")
        NodeTaint taint,
        @JsonPropertyDescription("Label the host Node for the duration, for a maintenance system to act on.")
        NodeLabel label,
        @JsonPropertyDescription("Cordon the host Node and evict its pods through the Eviction API, honouring "
                + "PodDisruptionBudgets.")
        NodeDrain drain) {
}
