package io.dpuplane.provider.service;

import io.dpuplane.agent.emulator.PodLifecycle;
import io.dpuplane.testkit.kube.PlayedKubelets;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * DPU nodes of a real DPU cluster as emulated DPUs present them: Nodes whose kubelets are played, with the
 * agent's {@link PodLifecycle} running their pods. Removed on close.
 */
final class EmulatedDpuNodes implements AutoCloseable {

    private final List<String> names;
    private final PlayedKubelets kubelets;

    EmulatedDpuNodes(KubernetesClient cluster, List<String> names, Map<String, String> labels) {
        this.names = List.copyOf(names);
        this.kubelets = new PlayedKubelets(cluster, PodLifecycle::start);
        kubelets.register(this.names, labels);
    }

    List<String> names() {
        return names;
    }

    @Override
    public void close() {
        kubelets.close();
        kubelets.removeNodes();
    }
}
