package io.dpuplane.provider.bfb;

import io.dpuplane.apis.provisioning.v1alpha1.BFB;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The BFB controller: download, verify and cache BFB images. */
public final class BfbController extends ManagedReconciler<BFB> {

    public BfbController(KubernetesClient client, ManagedReconcilerOptions options, BfbDownloads downloads) {
        super(client, "BFB", new BfbConnector(client, downloads), options);
    }
}
