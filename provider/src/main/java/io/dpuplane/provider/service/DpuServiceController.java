package io.dpuplane.provider.service;

import io.dpuplane.apis.svc.v1alpha1.DPUService;
import io.dpuplane.provider.NotYetSupported;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The DPUService controller. */
public final class DpuServiceController extends ManagedReconciler<DPUService> {

    public DpuServiceController(KubernetesClient client, ManagedReconcilerOptions options) {
        super(client, "DPUService", new NotYetSupported<>("DPUService"), options);
    }
}
