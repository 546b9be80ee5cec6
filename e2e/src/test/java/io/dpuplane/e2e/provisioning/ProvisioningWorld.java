package io.dpuplane.e2e.provisioning;

import io.dpuplane.agent.emulator.EmulatedHost;
import io.dpuplane.agent.host.AgentServer;
import io.dpuplane.agent.host.HostAgentService;
import io.dpuplane.agent.host.HostDevice;
import io.dpuplane.agent.host.HostDiscovery;
import io.dpuplane.agent.host.InventoryPublisher;
import io.dpuplane.agent.host.OperationJournal;
import io.dpuplane.agent.host.Operations;
import io.dpuplane.agent.host.RshimPort;
import io.dpuplane.apis.provisioning.v1alpha1.BFB;
import io.dpuplane.apis.provisioning.v1alpha1.BFBObservation;
import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootStreamWriter;
import io.dpuplane.provider.dpu.AgentChannels;
import io.dpuplane.provider.dpu.DpuController;
import io.dpuplane.provider.dpu.DpuSettings;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.managed.Backoff;
import io.dpuplane.runtime.managed.GlobalRateLimiter;
import io.dpuplane.runtime.managed.ManagedControllers;
import io.dpuplane.runtime.managed.ManagedMetrics;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.dpuplane.runtime.managed.PollSchedule;
import io.dpuplane.testkit.http.LoopbackFileServer;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.dpuplane.testkit.tls.IssuedCertificate;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a DPU is provisioned through, on one machine: the host cluster and a DPU cluster (real API
 * servers), an emulated host with BlueFields and its host agent (mutual TLS), a BFB registry, and the
 * provider's DPU controller.
 */
final class ProvisioningWorld implements AutoCloseable {

    static final String NS = "fleet";
    final TestControlPlane hostCluster = TestControlPlanes.host();
    final TestControlPlane dpuCluster = TestControlPlanes.second();
    final KubernetesClient client = hostCluster.client();
    final EmulatedHost host;
    final String hostName;
    private final Path root;
    private final Path agentCerts;
    private final HostDiscovery discovery;
    private Operations operations;
    private AgentServer agent;
    private int agentPort;
    private final LoopbackFileServer registry = new LoopbackFileServer();
    private final AgentChannels channels = new AgentChannels();
    private Operator operator;

    ProvisioningWorld(Path root) throws IOException {
        this(root, "host1");
    }

    /** A world whose emulated host (its Node, agent and BlueFields) is called {@code hostName}. */
    ProvisioningWorld(Path root, String hostName) throws IOException {
        this.hostName = hostName;
        this.root = root;
        for (String ns : new String[] {NS, "dpuplane-system", "crossplane-system"}) {
            if (client.namespaces().withName(ns).get() == null) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                        .create();
            }
        }
        host = EmulatedHost.start(hostName, root.resolve(hostName), 5, 0.002);
        TestCertificateAuthority ca = TestCertificateAuthority.create("agents");
        agentCerts = ca.issueAgentServer(hostName + "-agent").writeTo(root.resolve("agent-certs"));
        IssuedCertificate provider = ca.issueClient("provider-dpuplane");
        client.secrets().inNamespace("crossplane-system").resource(new SecretBuilder().withNewMetadata()
                .withName("agent-client-tls").endMetadata()
                .addToData(Map.of("ca.crt", b64(provider.caPem()), "tls.crt", b64(provider.certificatePem()),
                        "tls.key", b64(provider.keyPem()))).build()).serverSideApply();

        discovery = new HostDiscovery(host.devRoot(), host.sysRoot());
        startAgent();
        agentPort = agent.port();
        new InventoryPublisher(client, "dpuplane-system", hostName, "localhost:" + agent.port(), "e2e")
                .publish(discovery.discover(), Map.of());


        if (client.nodes().withName(hostName).get() == null) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(hostName).endMetadata().build()).create();
        }
        operator = startProvider();
    }

    private Operator startProvider() {
        Operator provider = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withConcurrentReconciliationThreads(4));
        ManagedReconcilerOptions options = new ManagedReconcilerOptions(
                new PollSchedule(Duration.ofSeconds(5), Duration.ofSeconds(1), 0.1), Duration.ofSeconds(30),
                Duration.ofSeconds(2), new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5)),
                new GlobalRateLimiter(100), false, ManagedMetrics.NONE);
        ManagedControllers.register(provider, new DpuController(client, options,
                new DpuSettings("dpuplane-system", registryUrl(), 10), channels), "DPU");
        provider.start();
        return provider;
    }

    /** Starts the host agent (again: on the same port, with the same operation journal, as a pod restart does). */
    void startAgent() {
        operations = new Operations(new OperationJournal(root.resolve("journal")), pci -> rshim(discovery, pci),
                root.resolve("bfbs"), 2, Duration.ofMinutes(2), Duration.ofSeconds(60));
        agent = AgentServer.start(new InetSocketAddress("127.0.0.1", agentPort), agentCerts,
                new HostAgentService(hostName, "e2e", discovery::discover, operations));
    }

    /** Stops the host agent as its process dying does: its API goes away and its installs stop. */
    void stopAgent() {
        agent.close();
        operations.close();
    }

    /** Stops the provider's controllers and starts fresh ones, as a provider pod restart does. */
    void restartProvider() {
        operator.stop();
        operator = startProvider();
    }

    /** A verified BFB as the BFB controller would leave it: Ready, its digest and registry path recorded. */
    void verifiedBfb(String name, byte[] image) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        String path = serve(sha + ".bfb", image);
        client.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: BFB
                metadata: {name: %s, namespace: %s}
                spec: {forProvider: {url: "https://images.example/%s.bfb"}}
                """.formatted(name, NS, name), BFB.class)).create();
        BFB b = client.resources(BFB.class).inNamespace(NS).withName(name).get();
        BFBObservation at = new BFBObservation();
        at.setSha256(sha);
        at.setRegistryPath(path);
        at.setSizeBytes((long) image.length);
        b.requireStatus().setAtProvider(at);
        Conditions.mark(b, new Conditions(Clock.systemUTC()).available());
        client.resource(b).updateStatus();
    }

    /** A valid boot stream (BFB) with DOCA 2.9.1 whose OS image has this many bytes. */
    static byte[] image(long osBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BootStreamWriter.create().image(2, 4096).versions(new BfbVersions("v2.2", "4.9.1-12", "4.9.1", "2.9.1"))
                .image(62, osBytes).writeTo(out);
        return out.toByteArray();
    }

    /** Serves an image on the registry under {@code /bfbs/<name>}; returns the registry path. */
    String serve(String name, byte[] bfb) {
        registry.serve("/bfbs/" + name, bfb);
        return "/bfbs/" + name;
    }

    String registryUrl() {
        return registry.baseUrl();
    }

    private static Optional<RshimPort> rshim(HostDiscovery discovery, String pci) {
        return discovery.discover().stream().filter(d -> d.pciAddress().equals(pci)).findFirst()
                .flatMap(HostDevice::rshim).map(RshimPort::new);
    }

    private static String b64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        operator.stop();
        channels.close();
        agent.close();
        operations.close();
        registry.close();
        host.close();
    }
}
