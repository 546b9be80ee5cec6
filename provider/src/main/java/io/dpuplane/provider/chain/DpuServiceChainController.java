package io.dpuplane.provider.chain;

import io.dpuplane.apis.svc.v1alpha1.DPUServiceChain;
import io.dpuplane.provider.NotYetSupported;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The DPUServiceChain controller. */
public final class DpuServiceChainController extends ManagedReconciler<DPUServiceChain> {

    public DpuServiceChainController(KubernetesClient client, ManagedReconcilerOptions options) {
        super(client, "DPUServiceChain", new NotYetSupported<>("DPUServiceChain"), options);
    }
}
