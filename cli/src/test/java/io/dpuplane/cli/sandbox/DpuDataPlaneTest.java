package io.dpuplane.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.sfc.v1alpha1.InterfaceType;
import io.dpuplane.apis.sfc.v1alpha1.PfInterface;
import io.dpuplane.apis.sfc.v1alpha1.PhysicalInterface;
import io.dpuplane.apis.sfc.v1alpha1.PodInterface;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedPort;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedSwitch;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChainSpec;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterfaceSpec;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's data plane on a real DPU cluster (a second real API server): a Ready Node gets a private Open
 * vSwitch and a real DPU-mode agent process; the forwarder pod's interfaces get plugged; the quickstart's
 * per-node objects (pf0 → forwarder.net1 | forwarder.net2 → p0) turn Programmed, and pings cross the chain.
 * Needs root and Open vSwitch, as the sandbox's data plane does.
 */
class DpuDataPlaneTest {

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final String SERVICE = "quickstart-forwarder";

    private final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private final String node = "dpu-" + id;
    private final String namespace = "dp-" + id;
    private KubernetesClient client;
    private Path root;
    private DpuDataPlane plane;

    @BeforeEach
    void aDpuClusterWithTheQuickstartsObjectsOnOneNode() throws Exception {
        TestControlPlane dpuCluster = TestControlPlanes.second();
        for (String crd : List.of("serviceinterfaces", "servicechains", "ippools")) {
            dpuCluster.installCrd(ProjectLayout.crdsDir().resolve(crd + ".sfc.dpuplane.io-v1.yml"));
        }
        client = dpuCluster.client();
        root = Files.createTempDirectory("dpu-data-plane");
        dpuCluster.writeKubeconfig(SandboxDir.at(root).dpuKubeconfig());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
        Node created = client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata()
                .build()).create();
        created.setStatus(new NodeStatusBuilder().addNewCondition().withType("Ready")
                .withStatus("True").withReason("KubeletReady").endCondition().build());
        client.nodes().resource(created).updateStatus();
        client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName("forwarder-0")
                .withLabels(Map.of(PodInterfacePlugger.SERVICE_LABEL, SERVICE)).endMetadata().withNewSpec()
                .withNodeName(node).withAutomountServiceAccountToken(false).addNewContainer().withName("fwd")
                .withImage("example.invalid/forwarder:1").endContainer().endSpec().build()).create();
        ServiceInterfaceSpec pf = spec(InterfaceType.PF);
        pf.setPf(new PfInterface(0));
        create("pf0", pf);
        ServiceInterfaceSpec p0 = spec(InterfaceType.PHYSICAL);
        p0.setPhysical(new PhysicalInterface("p0"));
        create("p0", p0);
        ServiceInterfaceSpec net1 = spec(InterfaceType.SERVICE);
        net1.setService(new PodInterface(SERVICE, "dpuplane-sfc", "net1"));
        create("forwarder-host", net1);
        ServiceInterfaceSpec net2 = spec(InterfaceType.SERVICE);
        net2.setService(new PodInterface(SERVICE, "dpuplane-sfc", "net2"));
        create("forwarder-wire", net2);
        ServiceChain chain = new ServiceChain();
        chain.setMetadata(meta("quickstart"));
        chain.setSpec(new ServiceChainSpec(node, List.of(
                new ResolvedSwitch(List.of(port("pf0"), port("forwarder-host"))),
                new ResolvedSwitch(List.of(port("forwarder-wire"), port("p0"))))));
        client.resource(chain).create();
        plane = new DpuDataPlane(SandboxDir.at(root), client);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (plane != null) {
            plane.close();
        }
        client.nodes().withName(node).delete();
        client.namespaces().withName(namespace).delete();
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aReadyDpuNodeGetsItsChainProgrammedAndPingsCrossIt() {
        long started = System.nanoTime();
        plane.start();
        awaitEverythingProgrammed();
        System.out.printf("[measure] one DPU node programmed %.1f s after the data plane started%n",
                (System.nanoTime() - started) / 1e9);
        await("the data plane noticed").atMost(Duration.ofSeconds(10)).until(() -> plane.programmed().containsKey(node));

        String outcome = plane.probe();

        System.out.println("[measure] " + outcome);
        assertThat(outcome).startsWith("a packet crossed the chain on node " + node + ": host 198.18.0.2 → forwarder"
                + " → wire 198.18.16.2 (3/3 pings");
    }

    @Test
    void theInterfacesOfAPodThatIsGoneAreUnpluggedAndNoLongerProgrammed() {
        plane.start();
        awaitEverythingProgrammed();

        client.pods().inNamespace(namespace).withName("forwarder-0").withGracePeriod(0).delete();

        await("forwarder-host no longer Programmed").atMost(WAIT).untilAsserted(() -> assertThat(ChainProbe
                .isProgrammed(client.resources(ServiceInterface.class).inNamespace(namespace).withName("forwarder-host")
                        .get())).isFalse());
        await("its interfaces unplugged").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                plane.switchOf(node)).hasValueSatisfying(dpu -> assertThat(dpu.podInterfaces()).isEmpty()));
    }

    private void awaitEverythingProgrammed() {
        await("the node's chain and interfaces Programmed").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    assertThat(ChainProbe.isProgrammed(client.resources(ServiceChain.class).inNamespace(namespace)
                            .withName("quickstart").get())).as("ServiceChain quickstart Programmed").isTrue();
                    List<ServiceInterface> interfaces = client.resources(ServiceInterface.class).inNamespace(namespace)
                            .list().getItems();
                    assertThat(interfaces).hasSize(4);
                    for (ServiceInterface si : interfaces) {
                        assertThat(ChainProbe.isProgrammed(si)).as("ServiceInterface %s Programmed",
                                si.getMetadata().getName()).isTrue();
                    }
                });
    }

    @Test
    void aNodeThatIsNotReadyGetsNoSwitch() throws Exception {
        Node notReady = client.nodes().withName(node).get();
        notReady.getStatus().getConditions().get(0).setStatus("False");
        client.nodes().resource(notReady).updateStatus();
        plane.start();
        Path log = root.resolve("logs").resolve("dpu-data-plane.log");
        await("a few passes").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
                .until(() -> !Files.exists(log) || !Files.readString(log).contains(node));
        assertThat(client.resources(ServiceChain.class).inNamespace(namespace).withName("quickstart").get()
                .getStatus()).as("no agent wrote the chain's status").isNull();
    }

    private ServiceInterfaceSpec spec(InterfaceType type) {
        ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
        spec.setNode(node);
        spec.setInterfaceType(type);
        return spec;
    }

    private void create(String name, ServiceInterfaceSpec spec) {
        ServiceInterface si = new ServiceInterface();
        si.setMetadata(meta(name));
        si.setSpec(spec);
        client.resource(si).create();
    }

    private ObjectMeta meta(String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(Map.of(Sfc.NODE_LABEL, node))
                .build();
    }

    private static ResolvedPort port(String serviceInterface) {
        return new ResolvedPort(serviceInterface, null, null);
    }
}
