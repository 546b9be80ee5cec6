package io.dpuplane.apis.config.v1alpha1;

/**
 * The {@code dpuplane.io} API group: the provider's configuration kinds, named exactly as Crossplane
 * expects (ProviderConfig, ClusterProviderConfig and their usages), so Crossplane never mistakes them for
 * managed resources.
 */
public final class Config {

    public static final String GROUP = "dpuplane.io";
    public static final String VERSION = "v1alpha1";

    private Config() {
    }
}
