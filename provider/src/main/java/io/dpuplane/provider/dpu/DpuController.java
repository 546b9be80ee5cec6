package io.dpuplane.provider.dpu;

import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.provider.NotYetSupported;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The DPU controller. */
public final class DpuController extends ManagedReconciler<DPU> {

    public DpuController(KubernetesClient client, ManagedReconcilerOptions options) {
        super(client, "DPU", new NotYetSupported<>("DPU"), options);
    }
}
