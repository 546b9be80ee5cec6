package io.dpuplane.provider.cluster;

import io.dpuplane.apis.provisioning.v1alpha1.DPUCluster;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The DPUCluster controller. */
public final class DpuClusterController extends ManagedReconciler<DPUCluster> {

    public DpuClusterController(KubernetesClient client, ManagedReconcilerOptions options) {
        super(client, "DPUCluster", new DpuClusterConnector(client), options);
    }
}
