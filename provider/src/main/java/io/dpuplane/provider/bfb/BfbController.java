package io.dpuplane.provider.bfb;

import io.dpuplane.apis.provisioning.v1alpha1.BFB;
import io.dpuplane.provider.NotYetSupported;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The BFB controller. */
public final class BfbController extends ManagedReconciler<BFB> {

    public BfbController(KubernetesClient client, ManagedReconcilerOptions options) {
        super(client, "BFB", new NotYetSupported<>("BFB"), options);
    }
}
