package io.dpuplane.provider.dpu;

/**
 * Provider-wide settings of DPU provisioning: where the host agents publish their inventory, the BFB
 * registry's URL as agents reach it (a ProviderConfig may name another), and the agent call deadline.
 */
public record DpuSettings(String inventoryNamespace, String registryUrl, long agentDeadlineSeconds) {
}
