package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An interface of a network function's pod on the DPU, attached to {@code br-sfc} by the CNI. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodInterface(
        @Required
        @JsonPropertyDescription("Service ID of the network function: its pods carry the label "
                + "svc.dpuplane.io/service=<serviceID>.")
        String serviceID,
        @Required
        @JsonPropertyDescription("NetworkAttachmentDefinition the pod attaches the interface with: name or "
                + "namespace/name.")
        String network,
        @Required
        @Pattern("^[A-Za-z0-9_.-]{1,15}$")
        @JsonPropertyDescription("Name of the interface inside the pod, e.g. net1.")
        String interfaceName) {
}
