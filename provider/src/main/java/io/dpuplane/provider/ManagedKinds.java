package io.dpuplane.provider;

import io.dpuplane.provider.bfb.BfbController;
import io.dpuplane.provider.bfb.BfbDownloads;
import io.dpuplane.provider.chain.DpuServiceChainController;
import io.dpuplane.provider.chain.DpuServiceInterfaceController;
import io.dpuplane.provider.chain.DpuServiceIpamController;
import io.dpuplane.provider.cluster.DpuClusterController;
import io.dpuplane.provider.dpu.AgentChannels;
import io.dpuplane.provider.dpu.DpuController;
import io.dpuplane.provider.dpu.DpuSettings;
import io.dpuplane.provider.flavor.DpuFlavorController;
import io.dpuplane.provider.service.DpuServiceController;
import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** Every managed-resource kind this provider reconciles, one controller each. */
final class ManagedKinds {

    private ManagedKinds() {
    }

    /** A kind's name and its controller. */
    record Kind(String name, ManagedReconciler<?> controller) {
    }

    static List<Kind> all(KubernetesClient client, ManagedReconcilerOptions options, BfbDownloads downloads,
            DpuSettings dpuSettings, AgentChannels agents) {
        return List.of(
                new Kind("BFB", new BfbController(client, options, downloads)),
                new Kind("DPUFlavor", new DpuFlavorController(client, options)),
                new Kind("DPU", new DpuController(client, options, dpuSettings, agents)),
                new Kind("DPUCluster", new DpuClusterController(client, options)),
                new Kind("DPUService", new DpuServiceController(client, options)),
                new Kind("DPUServiceInterface", new DpuServiceInterfaceController(client, options)),
                new Kind("DPUServiceChain", new DpuServiceChainController(client, options)),
                new Kind("DPUServiceIPAM", new DpuServiceIpamController(client, options)));
    }
}
