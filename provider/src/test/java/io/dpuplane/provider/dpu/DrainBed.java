package io.dpuplane.provider.dpu;

import io.dpuplane.agent.emulator.PodLifecycle;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.kube.ClusterControllers;
import io.dpuplane.testkit.kube.PlayedKubelets;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;

/**
 * A host cluster of its own for drain tests — a real kube-apiserver with the project's CRDs, plus the real
 * kube-controller-manager (ReplicaSets, DaemonSets, the disruption controller computing PodDisruptionBudget
 * status) and kube-scheduler — whose host Nodes have their kubelets played, with the agent's
 * {@link PodLifecycle} running their pods. Its own plane, so its controllers touch no other test's objects;
 * shared by the drain tests of the JVM.
 */
final class DrainBed {

    private static DrainBed bed;

    final TestControlPlane plane;
    final KubernetesClient client;
    private final PlayedKubelets kubelets;

    private DrainBed() {
        plane = TestControlPlane.start("drain");
        Runtime.getRuntime().addShutdownHook(new Thread(plane::close, "stop-control-plane-drain"));
        plane.installCrds(ProjectLayout.crdsDir());
        ClusterControllers.start(plane);
        client = plane.client();
        kubelets = new PlayedKubelets(client, PodLifecycle::start);
    }

    static synchronized DrainBed get() {
        if (bed == null) {
            bed = new DrainBed();
        }
        return bed;
    }

    /** A Ready host Node (label {@code drain-test/host=<name>}) whose pods are played; stays for the JVM. */
    void hostNode(String name) {
        kubelets.register(List.of(name), Map.of("drain-test/host", name));
    }

    void namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
    }

    /** A DPU object on a host, with a drain (optionally with a timeout) as its node effect. */
    DPU dpu(String namespace, String name, String hostNode, String nodeEffectYaml) {
        return client.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPU
                metadata: {name: %s, namespace: %s}
                spec:
                  forProvider:
                    hostNode: %s
                    pciAddress: "0000:03:00.0"
                    bfbRef: {name: bfb}
                    flavorRef: {name: flavor}
                    dpuClusterRef: {name: cluster}
                    nodeEffect: %s
                """.formatted(name, namespace, hostNode, nodeEffectYaml), DPU.class)).create();
    }
}
