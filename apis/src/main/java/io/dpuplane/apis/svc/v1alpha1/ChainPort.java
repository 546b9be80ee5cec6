package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.Reference;
import io.dpuplane.apis.sfc.v1alpha1.ServicePort;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;

/**
 * One port of a chain switch: a DPUServiceInterface by name, every DPUServiceInterface matching a selector,
 * or a hop through a network function's pod interface. Exactly one.
 */
@ValidationRule(value = "(has(self.interfaceRef) ? 1 : 0) + (has(self.interfaceSelector) ? 1 : 0) "
        + "+ (has(self.service) ? 1 : 0) == 1",
        message = "a port sets exactly one of interfaceRef, interfaceSelector or service")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainPort(
        @JsonPropertyDescription("A DPUServiceInterface in this namespace.")
        Reference interfaceRef,
        @JsonPropertyDescription("DPUServiceInterfaces in this namespace with these labels; each is a port.")
        LabelSelector interfaceSelector,
        @JsonPropertyDescription("A hop through a network function: its pod's interface on each node.")
        ServicePort service,
        @JsonPropertyDescription("The DPUServiceIPAM the port's address comes from, if it needs one.")
        Reference ipamRef) {
}
