package io.dpuplane.provider.dpu;

import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The DPU controller: provisions one BlueField through its host agent until it is a Ready node. */
public final class DpuController extends ManagedReconciler<DPU> {

    public DpuController(KubernetesClient client, ManagedReconcilerOptions options, DpuSettings settings,
            AgentChannels agents) {
        super(client, "DPU", new DpuConnector(client, settings, agents), options.withDeterministicExternalName(true));
    }
}
