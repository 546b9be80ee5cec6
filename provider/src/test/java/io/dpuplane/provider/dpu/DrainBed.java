package io.dpuplane.provider.dpu;

import io.dpuplane.agent.emulator.PodLifecycle;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.kube.ClusterControllers;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A host cluster of its own for drain tests — a real kube-apiserver with the project's CRDs, plus the real
 * kube-controller-manager (ReplicaSets, DaemonSets, the disruption controller computing PodDisruptionBudget
 * status) and kube-scheduler — whose host Nodes are Ready, keep their Leases fresh, and have their pods run
 * and finished by the agent's {@link PodLifecycle}, as kubelets would. Its own plane, so its controllers touch
 * no other test's objects; shared by the drain tests of the JVM.
 */
final class DrainBed {

    private static DrainBed bed;

    final TestControlPlane plane;
    final KubernetesClient client;
    private final Set<String> nodes = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "host-node-leases");
        thread.setDaemon(true);
        return thread;
    });

    private DrainBed() {
        plane = TestControlPlane.start("drain");
        Runtime.getRuntime().addShutdownHook(new Thread(plane::close, "stop-control-plane-drain"));
        plane.installCrds(ProjectLayout.crdsDir());
        ClusterControllers.start(plane);
        client = plane.client();
        heartbeat.scheduleAtFixedRate(this::renewLeases, 5, 10, TimeUnit.SECONDS);
    }

    static synchronized DrainBed get() {
        if (bed == null) {
            bed = new DrainBed();
        }
        return bed;
    }

    /** A Ready host Node (label {@code drain-test/host=<name>}) whose pods are played; stays for the JVM. */
    void hostNode(String name) {
        Map<String, Quantity> capacity = Map.of("pods", new Quantity("110"), "cpu", new Quantity("16"),
                "memory", new Quantity("32Gi"));
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("drain-test/host", name)).endMetadata().withNewStatus().withCapacity(capacity)
                .withAllocatable(capacity).addNewCondition().withType("Ready").withStatus("True")
                .withReason("KubeletReady").endCondition().endStatus().build()).create();
        nodes.add(name);
        renewLeases();
        PodLifecycle.start(client, List.of(name));
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

    private void renewLeases() {
        var leases = client.leases().inNamespace("kube-node-lease");
        for (String name : nodes) {
            try {
                if (leases.withName(name).get() == null) {
                    leases.resource(new LeaseBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                            .withHolderIdentity(name).withLeaseDurationSeconds(40).withRenewTime(ZonedDateTime.now())
                            .endSpec().build()).create();
                } else {
                    leases.withName(name).edit(lease -> {
                        lease.getSpec().setRenewTime(ZonedDateTime.now());
                        return lease;
                    });
                }
            } catch (KubernetesClientException e) {
                // the next beat tries again
            }
        }
    }
}
