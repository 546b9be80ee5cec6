package io.dpuplane.provider.dpu;

/**
 * Provider-wide settings of DPU provisioning: where the host agents publish their inventory, the BFB
 * registry's URL as agents reach it (a ProviderConfig may name another), the agent call deadline, where
 * the provider's issued agent client certificate is, and the reconcile budget installs are followed within.
 */
public record DpuSettings(String inventoryNamespace, String registryUrl, long agentDeadlineSeconds,
        String agentCertificatesNamespace, int maxReconcileRate) {

    public DpuSettings(String inventoryNamespace, String registryUrl, long agentDeadlineSeconds) {
        this(inventoryNamespace, registryUrl, agentDeadlineSeconds, inventoryNamespace, 10);
    }
}
