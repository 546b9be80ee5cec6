package io.dpuplane.provider.chain;

import io.dpuplane.provider.cluster.DpuClusterTargets;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceIPAM;
import io.dpuplane.runtime.managed.ExternalConnector;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The DPUServiceIPAM controller: one IPPool per selected DPU node, and the blocks they took rolled up. */
public final class DpuServiceIpamController extends ManagedReconciler<DPUServiceIPAM> {

    public DpuServiceIpamController(KubernetesClient client, ManagedReconcilerOptions options) {
        super(client, "DPUServiceIPAM", connector(client, new DpuClusterTargets(client)), options);
    }

    private static ExternalConnector<DPUServiceIPAM> connector(KubernetesClient client, DpuClusterTargets clusters) {
        return (resource, providerConfig) -> new PoolMirror(client, clusters);
    }
}
