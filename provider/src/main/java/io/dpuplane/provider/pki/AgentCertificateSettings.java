package io.dpuplane.provider.pki;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Who issues the certificates of the provider-to-agent mutual TLS ({@code DPUPLANE_PROVIDER_AGENT_CERTIFICATES_*}):
 * the agents' server certificate ({@value AgentSecrets#AGENT_SERVER}, which the agent chart mounts) and the
 * provider's client certificate ({@value AgentSecrets#PROVIDER_CLIENT}, used by every ProviderConfig that names
 * no {@code agent.tlsSecretRef}).
 */
public interface AgentCertificateSettings {

    /**
     * {@code auto}: cert-manager when its API is served, else the provider; {@code cert-manager}: Certificates
     * and Issuers that cert-manager fulfils; {@code provider}: the provider's own CA, rotated by the provider;
     * {@code none}: the user provides the Secrets.
     */
    @WithDefault("auto")
    String mode();

    /** The namespace of the Secrets (and cert-manager objects); the agents' namespace. Defaults to the inventory namespace. */
    Optional<String> namespace();

    /** How long an issued agent or provider certificate is valid. */
    @WithDefault("2160h")
    Duration validity();

    /** A certificate is renewed this long before it expires. */
    @WithDefault("720h")
    Duration renewBefore();

    /** How long the provider's CA is valid. */
    @WithDefault("87600h")
    Duration caValidity();

    /** The CA is replaced this long before it expires (with both trusted meanwhile, so no connection breaks). */
    @WithDefault("8760h")
    Duration caRenewBefore();

    /**
     * How long a change of trust is given to reach every agent (the kubelet refreshes mounted Secrets within a
     * minute or two) before anything relies on it: a new CA is trusted this long before it signs, and the old
     * one stays trusted this long after.
     */
    @WithDefault("10m")
    Duration propagation();

    /** How often the certificates are checked. */
    @WithDefault("1m")
    Duration checkInterval();
}
