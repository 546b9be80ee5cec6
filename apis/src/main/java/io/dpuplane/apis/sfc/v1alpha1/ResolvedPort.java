package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** One port of a switch on a node: a ServiceInterface of the node, or a network function's pod interface. */
@ValidationRule(value = "has(self.serviceInterface) != has(self.service)",
        message = "a port sets exactly one of serviceInterface or service")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResolvedPort(
        @JsonPropertyDescription("Name of a ServiceInterface of the same node, in this namespace.")
        String serviceInterface,
        @JsonPropertyDescription("A network function's pod interface on the node.")
        ServicePort service,
        @JsonPropertyDescription("Name of the IPPool (same node, this namespace) the port's address comes from.")
        String ipPool) {
}
