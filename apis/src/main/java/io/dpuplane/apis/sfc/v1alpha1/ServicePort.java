package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A chain hop through a network function: the interface of the function's pod on the node, found by the
 * agent from the pod's service label.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServicePort(
        @Required
        @JsonPropertyDescription("Service ID of the network function (pod label svc.dpuplane.io/service).")
        String serviceID,
        @Required
        @Pattern("^[A-Za-z0-9_.-]{1,15}$")
        @JsonPropertyDescription("Name of the interface inside the pod, e.g. net1.")
        String interfaceName) {
}
