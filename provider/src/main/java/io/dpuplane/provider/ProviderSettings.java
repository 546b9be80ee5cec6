package io.dpuplane.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The provider's flags, as every Crossplane provider has them. Each is also an environment variable:
 * {@code DPUPLANE_PROVIDER_POLL_INTERVAL}, {@code DPUPLANE_PROVIDER_MAX_RECONCILE_RATE}, ...
 */
@ConfigMapping(prefix = "dpuplane.provider")
public interface ProviderSettings {

    /** How often a managed resource is observed when nothing changes (Crossplane's --poll). */
    @WithDefault("1m")
    Duration pollInterval();

    /** Polls are spread by ± this percentage so resources created together do not poll together. */
    @WithDefault("10")
    int pollJitterPercentage();

    /** The floor for a resource's own crossplane.io/poll-interval annotation. */
    @WithDefault("1s")
    Duration minPollInterval();

    /** The most reconciles per second, across all kinds; also sets the worker count (--max-reconcile-rate). */
    @WithDefault("10")
    int maxReconcileRate();

    /** How long a call to an external system (an agent, a DPU cluster) may take. */
    @WithDefault("1m")
    Duration externalCallTimeout();

    /** Whether to elect a leader through a Lease, so only one replica reconciles (--leader-election). */
    @WithDefault("false")
    boolean leaderElection();

    /** The Lease name for leader election. */
    @WithDefault("crossplane-leader-election-provider-dpuplane")
    String leaseName();

    /** The namespace of the Lease; defaults to the pod's namespace (POD_NAMESPACE) or crossplane-system. */
    Optional<String> leaseNamespace();

    /** How many BFB downloads run at once. */
    @WithDefault("3")
    int parallelBfbDownloads();

    /** How many times one BFB download is tried, each try resuming where the last stopped. */
    @WithDefault("5")
    int bfbDownloadAttempts();

    /** The delay before the second try of a download; it doubles with every further try. */
    @WithDefault("1s")
    Duration bfbDownloadRetryDelay();

    /** How long a transfer may go without receiving a byte before it is cut and resumed. */
    @WithDefault("60s")
    Duration bfbDownloadStallTimeout();

    /** How long a failed download waits before it starts afresh. */
    @WithDefault("1m")
    Duration bfbFailureBackoff();

    /** Where the host agents publish their DPUNode and DPUDevice objects. */
    @WithDefault("dpuplane-system")
    String inventoryNamespace();

    /** The BFB registry's base URL as host agents reach it, unless a ProviderConfig's bfbCache.registryURL says. */
    @WithDefault("http://provider-dpuplane.crossplane-system.svc:8080")
    String bfbRegistryUrl();

    /** How long one call to a host agent may take. */
    @WithDefault("30s")
    Duration agentCallTimeout();

    /** Who issues the provider-to-agent mutual-TLS certificates, and how they are rotated. */
    io.dpuplane.provider.pki.AgentCertificateSettings agentCertificates();

    /** Whether to log every reconcile step. */
    @WithDefault("false")
    boolean debug();
}
