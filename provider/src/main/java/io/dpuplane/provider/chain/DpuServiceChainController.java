package io.dpuplane.provider.chain;

import io.dpuplane.provider.cluster.DpuClusterTargets;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceChain;
import io.dpuplane.runtime.managed.ExternalConnector;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The DPUServiceChain controller: one ServiceChain per selected DPU node, and their status rolled up. */
public final class DpuServiceChainController extends ManagedReconciler<DPUServiceChain> {

    public DpuServiceChainController(KubernetesClient client, ManagedReconcilerOptions options) {
        super(client, "DPUServiceChain", connector(client, new DpuClusterTargets(client)), options);
    }

    private static ExternalConnector<DPUServiceChain> connector(KubernetesClient client, DpuClusterTargets clusters) {
        return (resource, providerConfig) -> new ChainMirror(client, clusters);
    }
}
