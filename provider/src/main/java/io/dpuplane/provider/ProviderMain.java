package io.dpuplane.provider;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * {@code provider-dpuplane}: prints its usage on {@code -h}/{@code --help}; otherwise starts the provider,
 * configured by the environment (as Crossplane's package manager runs it) or system properties.
 */
@QuarkusMain
public final class ProviderMain {

    static final String USAGE = """
            Usage: provider-dpuplane [-h|--help]

            The dpuplane Crossplane provider: reconciles BFB, DPUFlavor, DPUCluster, DPU, DPUService,
            DPUServiceInterface, DPUServiceChain and DPUServiceIPAM managed resources. Configured by environment
            variables (or -D system properties), DPUPLANE_PROVIDER_*:
              DPUPLANE_PROVIDER_POLL_INTERVAL         how often a Ready resource is observed again (default 1m)
              DPUPLANE_PROVIDER_MAX_RECONCILE_RATE    reconciles per second, across kinds (default 10)
              DPUPLANE_PROVIDER_LEADER_ELECTION       run as one of several replicas (default false)
              DPUPLANE_PROVIDER_BFB_REGISTRY_URL      the BFB registry's URL as host agents reach it
              DPUPLANE_PROVIDER_DEBUG                 log every reconcile step (default false)
              DPUPLANE_PROVIDER_AGENT_CERTIFICATES_MODE  who issues the agent mTLS certificates: auto
                                                      (cert-manager if installed, else the provider), cert-manager,
                                                      provider or none (default auto)
            Every setting: provider/src/main/java/io/dpuplane/provider/ProviderSettings.java.
            The Kubernetes API: in-cluster service account, or KUBECONFIG. Metrics on /metrics, health on
            /q/health (QUARKUS_HTTP_PORT, default 8080).
            """;

    private ProviderMain() {
    }

    public static void main(String... args) {
        if (Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help")) {
            System.out.print(USAGE);
            return;
        }
        Quarkus.run(args);
    }
}
