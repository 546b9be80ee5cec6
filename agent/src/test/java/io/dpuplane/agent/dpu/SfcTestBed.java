package io.dpuplane.agent.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.dpu.ovs.OvsCli;
import io.dpuplane.agent.dpu.port.PodPorts;
import io.dpuplane.agent.dpu.port.PortLayout;
import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.sfc.v1alpha1.IPPool;
import io.dpuplane.apis.sfc.v1alpha1.IPPoolSpec;
import io.dpuplane.apis.sfc.v1alpha1.InterfaceType;
import io.dpuplane.apis.sfc.v1alpha1.PhysicalInterface;
import io.dpuplane.apis.sfc.v1alpha1.PodInterface;
import io.dpuplane.apis.sfc.v1alpha1.ProgrammingStatus;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedPort;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedSwitch;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChainSpec;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterfaceSpec;
import io.dpuplane.apis.sfc.v1alpha1.ServicePort;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import io.dpuplane.apis.sfc.v1alpha1.VfInterface;
import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.dpuplane.testkit.ovs.PrivateOpenVSwitch;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A DPU for tests: a private Open vSwitch with a randomly named chaining bridge, a namespace in the second
 * real control plane (the DPU cluster, sfc CRDs installed), and the DPU agent of a randomly named node
 * programming one from the other. Builders for the sfc objects, and the CNI's part (plugging pod ports).
 */
final class SfcTestBed implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static boolean crdsInstalled;

    final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    final PrivateOpenVSwitch ovs;
    final KubernetesClient client;
    final String namespace = "sfc-" + id;
    final String node = "dpu-" + id;
    final String bridge = "bs" + id;
    final String ovnBridge = "bo" + id;
    RecordingOvs recording;
    DpuAgent agent;

    SfcTestBed() {
        client = dpuCluster().client();
        ovs = PrivateOpenVSwitch.start();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("default").endMetadata().build()).create();
    }

    static synchronized TestControlPlane dpuCluster() {
        TestControlPlane plane = TestControlPlanes.second();
        if (!crdsInstalled) {
            for (String crd : List.of("serviceinterfaces", "servicechains", "ippools")) {
                plane.installCrd(ProjectLayout.crdsDir().resolve(crd + ".sfc.dpuplane.io-v1.yml"));
            }
            crdsInstalled = true;
        }
        return plane;
    }

    /** Starts (or restarts) the agent, with a fresh recording of what it changes. */
    DpuAgent startAgent() {
        return startAgent(node, bridge);
    }

    DpuAgent startAgent(String nodeName, String bridgeName) {
        recording = new RecordingOvs(new OvsCli(ovs.dir(), ovs.environment(), Duration.ofSeconds(20)));
        agent = new DpuAgent(client, recording, new DpuAgentSettings(nodeName,
                new PortLayout(bridgeName, ovnBridge, ""), "netdev", Duration.ofSeconds(2)));
        agent.start();
        await("first pass of the agent").atMost(WAIT).until(() -> agent.health().passes() > 0);
        return agent;
    }

    void stopAgent() {
        if (agent != null) {
            agent.close();
            agent = null;
        }
    }

    // ---- sfc objects ----

    private ObjectMetaBuilder meta(String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(Map.of(Sfc.NODE_LABEL, node));
    }

    ServiceInterface vf(String name, int pf, int vf) {
        ServiceInterfaceSpec spec = spec(InterfaceType.VF);
        spec.setVf(new VfInterface(pf, vf, null));
        return create(name, spec);
    }

    ServiceInterface physical(String name, String interfaceName) {
        ServiceInterfaceSpec spec = spec(InterfaceType.PHYSICAL);
        spec.setPhysical(new PhysicalInterface(interfaceName));
        return create(name, spec);
    }

    ServiceInterface podInterface(String name, String serviceId, String interfaceName) {
        ServiceInterfaceSpec spec = spec(InterfaceType.SERVICE);
        spec.setService(new PodInterface(serviceId, "sfc", interfaceName));
        return create(name, spec);
    }

    ServiceInterface ovn(String name) {
        return create(name, spec(InterfaceType.OVN));
    }

    private ServiceInterfaceSpec spec(InterfaceType type) {
        ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
        spec.setNode(node);
        spec.setInterfaceType(type);
        return spec;
    }

    private ServiceInterface create(String name, ServiceInterfaceSpec spec) {
        ServiceInterface si = new ServiceInterface();
        si.setMetadata(meta(name).build());
        si.setSpec(spec);
        return client.resource(si).create();
    }

    static ResolvedPort si(String name) {
        return new ResolvedPort(name, null, null);
    }

    static ResolvedPort si(String name, String ipPool) {
        return new ResolvedPort(name, null, ipPool);
    }

    static ResolvedPort service(String serviceId, String interfaceName) {
        return new ResolvedPort(null, new ServicePort(serviceId, interfaceName), null);
    }

    static ResolvedSwitch sw(ResolvedPort... ports) {
        return new ResolvedSwitch(Arrays.asList(ports));
    }

    ServiceChain chain(String name, ResolvedSwitch... switches) {
        ServiceChain chain = new ServiceChain();
        chain.setMetadata(meta(name).build());
        chain.setSpec(new ServiceChainSpec(node, Arrays.asList(switches)));
        return client.resource(chain).create();
    }

    ServiceChain updateChain(String name, ResolvedSwitch... switches) {
        return client.resources(ServiceChain.class).inNamespace(namespace).withName(name)
                .edit(c -> {
                    c.setSpec(new ServiceChainSpec(node, Arrays.asList(switches)));
                    return c;
                });
    }

    IPPool pool(String name, String cidr, int blockSize, Integer gatewayIndex) {
        return pool(name, node, cidr, blockSize, gatewayIndex);
    }

    IPPool pool(String name, String forNode, String cidr, int blockSize, Integer gatewayIndex) {
        IPPool pool = new IPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(Map.of(Sfc.NODE_LABEL, forNode)).build());
        pool.setSpec(new IPPoolSpec(forNode, cidr, blockSize, gatewayIndex, null));
        return client.resource(pool).create();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return client.resources(type).inNamespace(namespace).withName(name).get();
    }

    <T extends HasMetadata> void delete(Class<T> type, String name) {
        client.resources(type).inNamespace(namespace).withName(name).delete();
    }

    /** Waits until the object reports Programmed=True for its current generation, and returns it. */
    <S extends ProgrammingStatus, T extends CustomResource<?, S>> T awaitProgrammed(Class<T> type, String name) {
        await(type.getSimpleName() + " " + name + " Programmed").atMost(WAIT).untilAsserted(() -> {
            T object = get(type, name);
            Condition c = programmed(object).orElse(null);
            assertThat(c).as("Programmed condition of %s", name).isNotNull();
            assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True");
            assertThat(object.getStatus().getObservedGeneration()).isEqualTo(object.getMetadata().getGeneration());
        });
        return get(type, name);
    }

    /** Waits until the object reports Programmed=False, and returns the condition's message. */
    <S extends ProgrammingStatus, T extends CustomResource<?, S>> String awaitNotProgrammed(Class<T> type, String name) {
        await(type.getSimpleName() + " " + name + " not Programmed").atMost(WAIT).untilAsserted(() ->
                assertThat(programmed(get(type, name))).hasValueSatisfying(c -> assertThat(c.getStatus())
                        .isEqualTo("False")));
        return programmed(get(type, name)).orElseThrow().getMessage();
    }

    /** The reason of a chain's Programmed condition. */
    String programmedReason(String chain) {
        return programmed(get(ServiceChain.class, chain)).map(Condition::getReason).orElse(null);
    }

    static <S extends ProgrammingStatus> Optional<Condition> programmed(CustomResource<?, S> object) {
        return object == null || object.getStatus() == null ? Optional.empty()
                : object.getStatus().getConditions().stream()
                        .filter(c -> Sfc.PROGRAMMED_CONDITION.equals(c.getType())).findFirst();
    }

    // ---- the CNI's and the flavor's part ----

    /** A pod of a network function on this node: the Pod object only (the CNI plugs its interfaces). */
    Pod pod(String name, String serviceId) {
        return client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).withLabels(Map.of(PodPorts.SERVICE_LABEL, serviceId)).endMetadata()
                .withNewSpec().withNodeName(node).withAutomountServiceAccountToken(false).addNewContainer()
                .withName("nf").withImage("example.invalid/nf:1").endContainer().endSpec().build()).create();
    }

    /**
     * Plugs a pod's interface as the CNI does: an internal port named {@code port} (its device handed to the
     * root namespace, for the test to move into the pod's), marked with the pod and interface.
     */
    void plug(String pod, String interfaceName, String port) {
        ovs.addInternalPort(bridge, port);
        ovs.vsctl("set", "Interface", port, "external_ids:dpuplane-pod=\"" + namespace + "/" + pod + "/"
                + interfaceName + "\"");
    }

    /** An uplink as the DPU's flavor makes it: an internal port on br-sfc that no object owns yet. */
    void uplink(String port) {
        ovs.addInternalPort(bridge, port);
    }

    String portName(String prefix) {
        return prefix + id;
    }

    @Override
    public void close() {
        stopAgent();
        ovs.close();
        client.namespaces().withName(namespace).delete();
    }
}
