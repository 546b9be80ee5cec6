package io.dpuplane.provider.chain;

import io.dpuplane.apis.svc.v1alpha1.DPUServiceInterface;
import io.dpuplane.provider.NotYetSupported;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The DPUServiceInterface controller. */
public final class DpuServiceInterfaceController extends ManagedReconciler<DPUServiceInterface> {

    public DpuServiceInterfaceController(KubernetesClient client, ManagedReconcilerOptions options) {
        super(client, "DPUServiceInterface", new NotYetSupported<>("DPUServiceInterface"), options);
    }
}
