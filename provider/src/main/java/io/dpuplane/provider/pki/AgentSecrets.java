package io.dpuplane.provider.pki;

/** The Secrets of the provider-to-agent mutual TLS, in cert-manager's layout (tls.crt, tls.key, ca.crt). */
public final class AgentSecrets {

    /** The CA: its certificate and key, and the trust bundle. Only the provider (or cert-manager) reads it. */
    public static final String CA = "dpuplane-agent-ca";
    /** The agents' server certificate; the agent chart mounts it (host.tls.secretName). */
    public static final String AGENT_SERVER = "dpuplane-agent-tls";
    /** The provider's client certificate for calling the agents. */
    public static final String PROVIDER_CLIENT = "dpuplane-provider-agent-client";
    /** The name every agent's certificate carries, which the provider checks (ProviderConfig agent.serverName). */
    public static final String AGENT_SERVER_NAME = "dpuplane-agent";
    /** The client certificate's common name. */
    public static final String PROVIDER_CLIENT_NAME = "provider-dpuplane";

    private AgentSecrets() {
    }
}
