package io.dpuplane.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The provider's standard flags, as Crossplane providers have them (environment: DPUPLANE_PROVIDER_*). */
@ConfigMapping(prefix = "dpuplane.provider")
public interface ProviderSettings {

    /** How often a managed resource is observed when nothing changes. */
    @WithDefault("1m")
    Duration pollInterval();

    /** The most reconciles per second, across all kinds. */
    @WithDefault("10")
    int maxReconcileRate();

    /** Whether to log every reconcile step. */
    @WithDefault("false")
    boolean debug();
}
