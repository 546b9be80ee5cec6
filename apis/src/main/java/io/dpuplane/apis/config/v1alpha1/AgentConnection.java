package io.dpuplane.apis.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How the provider dials the host agents: gRPC with mutual TLS on a fixed port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentConnection(
        @JsonPropertyDescription("Secret with the provider's client identity for mutual TLS to the host agents: "
                + "ca.crt (the CA that signed the agents' certificates), tls.crt and tls.key (the provider's "
                + "client certificate and key). Leave it out to use the client certificate the provider has "
                + "issued, by itself or through cert-manager (Secret dpuplane-provider-agent-client in the agents' "
                + "namespace; the provider's agent-certificates settings).")
        SecretReference tlsSecretRef,
        @Default("dpuplane-agent")
        @JsonPropertyDescription("The DNS name every host agent's certificate carries, which the provider checks "
                + "instead of each host's address (all agents of a fleet share one certificate).")
        String serverName,
        @Default("8443")
        @Min(1)
        @Max(65535)
        @JsonPropertyDescription("TCP port the host agents serve gRPC on.")
        Integer port) {
}
