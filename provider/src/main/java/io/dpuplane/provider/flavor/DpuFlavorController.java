package io.dpuplane.provider.flavor;

import io.dpuplane.apis.provisioning.v1alpha1.DPUFlavor;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The DPUFlavor controller. */
public final class DpuFlavorController extends ManagedReconciler<DPUFlavor> {

    public DpuFlavorController(KubernetesClient client, ManagedReconcilerOptions options) {
        super(client, "DPUFlavor", new DpuFlavorConnector(), options);
    }
}
