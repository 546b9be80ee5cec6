package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A host as its agent describes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DPUNodeSpec(
        @Required
        @JsonPropertyDescription("The host's Kubernetes Node name.")
        String hostname,
        @Required
        @JsonPropertyDescription("host:port the provider dials the agent's gRPC API on (mutual TLS).")
        String agentEndpoint,
        @JsonPropertyDescription("Version of the dpuplane agent on the host.")
        String agentVersion) {
}
