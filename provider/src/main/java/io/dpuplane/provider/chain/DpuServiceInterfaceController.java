package io.dpuplane.provider.chain;

import io.dpuplane.provider.cluster.DpuClusterTargets;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceInterface;
import io.dpuplane.runtime.managed.ExternalConnector;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The DPUServiceInterface controller: one ServiceInterface per selected DPU node, and their status rolled up. */
public final class DpuServiceInterfaceController extends ManagedReconciler<DPUServiceInterface> {

    public DpuServiceInterfaceController(KubernetesClient client, ManagedReconcilerOptions options) {
        super(client, "DPUServiceInterface", connector(client, new DpuClusterTargets(client)), options);
    }

    private static ExternalConnector<DPUServiceInterface> connector(KubernetesClient client, DpuClusterTargets clusters) {
        return (resource, providerConfig) -> new InterfaceMirror(client, clusters);
    }
}
