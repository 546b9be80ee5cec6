package io.dpuplane.provider.chain;

import io.dpuplane.apis.svc.v1alpha1.DPUServiceIPAM;
import io.dpuplane.provider.NotYetSupported;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The DPUServiceIPAM controller. */
public final class DpuServiceIpamController extends ManagedReconciler<DPUServiceIPAM> {

    public DpuServiceIpamController(KubernetesClient client, ManagedReconcilerOptions options) {
        super(client, "DPUServiceIPAM", new NotYetSupported<>("DPUServiceIPAM"), options);
    }
}
