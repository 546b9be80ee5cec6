package io.dpuplane.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.dpuplane.agent.emulator.DeviceFaults;
import io.dpuplane.agent.emulator.EmulatedDpu;
import io.dpuplane.agent.emulator.EmulatedHost;
import io.dpuplane.agent.proto.v1.GetOperationRequest;
import io.dpuplane.agent.proto.v1.HostAgentGrpc;
import io.dpuplane.agent.proto.v1.ListDevicesRequest;
import io.dpuplane.agent.proto.v1.ListDevicesResponse;
import io.dpuplane.agent.proto.v1.Operation;
import io.dpuplane.agent.proto.v1.StartInstallRequest;
import io.dpuplane.apis.provisioning.v1alpha1.DPUDevice;
import io.dpuplane.apis.provisioning.v1alpha1.DPUModel;
import io.dpuplane.apis.provisioning.v1alpha1.DPUNode;
import io.dpuplane.apis.provisioning.v1alpha1.DeviceHealth;
import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootStreamWriter;
import io.dpuplane.testkit.http.LoopbackFileServer;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.dpuplane.testkit.tls.IssuedCertificate;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host agent against emulated BlueFields, real API servers (the host cluster and a DPU cluster) and a
 * registry on loopback, through its mutual-TLS gRPC API: the path a real install takes.
 */
class HostAgentEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NAMESPACE = "dpuplane-system";

    private static Path root;
    private static EmulatedHost host;
    private static LoopbackFileServer registry;
    private static Operations operations;
    private static AgentServer server;
    private static TestCertificateAuthority ca;
    private static ManagedChannel channel;
    private static HostAgentGrpc.HostAgentBlockingStub agent;
    private static DpuClusterJoin join;
    private static TestControlPlane dpuCluster;
    private static byte[] good;
    private static String goodSha;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("emulated-host");
        host = EmulatedHost.start("host1", root.resolve("host1"), 3, 0.002);
        registry = new LoopbackFileServer();
        good = bfb(4 << 20);
        goodSha = sha256(good);
        HostDiscovery discovery = new HostDiscovery(host.devRoot(), host.sysRoot());
        operations = new Operations(new OperationJournal(root.resolve("journal")), pci -> port(discovery, pci),
                root.resolve("bfbs"), 2, Duration.ofMinutes(1), Duration.ofSeconds(60));
        ca = TestCertificateAuthority.create("agent-ca");
        Path serverCerts = ca.issueAgentServer("host1-agent").writeTo(root.resolve("server-certs"));
        server = AgentServer.start(new InetSocketAddress("127.0.0.1", 0), serverCerts,
                new HostAgentService("host1", "test", discovery::discover, operations));
        channel = channel(ca.issueClient("provider-dpuplane"));
        agent = HostAgentGrpc.newBlockingStub(channel);
        dpuCluster = TestControlPlanes.second();
        join = new DpuClusterJoin(dpuCluster);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        server.close();
        operations.close();
        host.close();
        registry.close();
    }

    static Optional<RshimPort> port(HostDiscovery discovery, String pci) {
        return discovery.discover().stream().filter(d -> d.pciAddress().equals(pci)).findFirst()
                .flatMap(HostDevice::rshim).map(RshimPort::new);
    }

    private static ManagedChannel channel(IssuedCertificate client) throws IOException {
        var tls = GrpcSslContexts.forClient().trustManager(new java.io.ByteArrayInputStream(
                client.caPem().getBytes(StandardCharsets.US_ASCII)));
        if (client.certificate() != null) {
            tls.keyManager(new java.io.ByteArrayInputStream(client.certificatePem().getBytes(StandardCharsets.US_ASCII)),
                    new java.io.ByteArrayInputStream(client.keyPem().getBytes(StandardCharsets.US_ASCII)));
        }
        return NettyChannelBuilder.forAddress("localhost", server.port()).sslContext(tls.build()).build();
    }

    static byte[] bfb(long osSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BootStreamWriter.create().image(2, 4096).image(5, 8192)
                .versions(new BfbVersions("v2.2(release)", "4.9.1-12", "4.9.1", "2.9.1")).image(62, osSize).writeTo(out);
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Operation awaitFinished(String id) {
        await().atMost(WAIT).until(() -> agent.getOperation(GetOperationRequest.newBuilder().setId(id).build())
                .getState() != Operation.State.RUNNING);
        return agent.getOperation(GetOperationRequest.newBuilder().setId(id).build());
    }

    private static Operation install(String pci, String url, String sha, String bfCfg) {
        return agent.startInstall(StartInstallRequest.newBuilder().setPciAddress(pci).setBfbUrl(url).setBfbSha256(sha)
                .setBfCfg(ByteString.copyFromUtf8(bfCfg)).setRequestedBy("test").build());
    }

    @Test
    void theAgentFindsTheEmulatedCardsAndPublishesTheHostAndEachCard() {
        KubernetesClient client = TestControlPlanes.host().client();
        if (client.namespaces().withName(NAMESPACE).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                    .build()).create();
        }
        HostDiscovery discovery = new HostDiscovery(host.devRoot(), host.sysRoot());
        List<HostDevice> devices = discovery.discover();
        assertThat(devices).extracting(HostDevice::pciAddress).containsExactly("0000:03:00.0", "0000:04:00.0", "0000:05:00.0");
        new InventoryPublisher(client, NAMESPACE, "host1", "127.0.0.1:" + server.port(), "test").publish(devices, java.util.Map.of());

        DPUNode node = client.resources(DPUNode.class).inNamespace(NAMESPACE).withName("host1").get();
        assertThat(node.getStatus().devices()).isEqualTo(3);
        assertThat(node.getStatus().lastHeartbeatTime()).isNotBlank();
        DPUDevice card = client.resources(DPUDevice.class).inNamespace(NAMESPACE).withName("host1-0000-04-00-0").get();
        assertThat(card.getSpec().model()).isEqualTo(DPUModel.BLUEFIELD_3);
        assertThat(card.getSpec().pciDeviceId()).isEqualTo("a2dc");
        assertThat(card.getSpec().serialNumber()).isEqualTo(host.dpu("0000:04:00.0").identity().serialNumber());
        assertThat(card.getSpec().opn()).isEqualTo("900-9D3B6-00CV-AA0");
        assertThat(card.getStatus().rshimDevice()).isEqualTo("rshim1");
        assertThat(card.getStatus().health()).isEqualTo(DeviceHealth.HEALTHY);
        assertThat(card.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("host1"));

        ListDevicesResponse listed = agent.listDevices(ListDevicesRequest.getDefaultInstance());
        assertThat(listed.getNodeName()).isEqualTo("host1");
        assertThat(listed.getDevicesList()).hasSize(3).allMatch(d -> d.getHealthy() && d.getModel().equals("BlueField-3"));
    }

    @Test
    void anInstallBootsTheCardWhichJoinsTheDpuClusterAsAReadyNode() {
        String url = registry.serve("/bfbs/good.bfb", good);
        Operation started = install("0000:03:00.0", url, goodSha, join.bfCfg("host1-dpu-0"));
        assertThat(started.getState()).isEqualTo(Operation.State.RUNNING);
        assertThat(install("0000:03:00.0", url, goodSha, join.bfCfg("host1-dpu-0")).getId())
                .as("asking again for the same install gets the running one, never a second install")
                .isEqualTo(started.getId());
        assertThatThrownBy(() -> agent.startInstall(StartInstallRequest.newBuilder().setPciAddress("0000:03:00.0")
                .setBfbUrl(url).setRequestedBy("someone-else").build()))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("ALREADY_EXISTS");

        Operation done = awaitFinished(started.getId());
        assertThat(done.getState()).as(done.getError()).isEqualTo(Operation.State.SUCCEEDED);
        assertThat(done.getBytesPushed()).isEqualTo(good.length);
        assertThat(done.getDocaVersion()).isEqualTo("2.9.1");
        assertThat(done.getConsoleList()).anyMatch(l -> l.contains("DPU is up"));

        await().atMost(WAIT).untilAsserted(() -> {
            Node node = dpuCluster.client().nodes().withName("host1-dpu-0").get();
            assertThat(node).isNotNull();
            assertThat(node.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
        });
        assertThat(dpuCluster.client().leases().inNamespace("kube-node-lease").withName("host1-dpu-0").get()).isNotNull();
        EmulatedDpu dpu = host.dpu("0000:03:00.0");
        assertThat(dpu.state()).isEqualTo(EmulatedDpu.State.RUNNING);
        assertThat(dpu.bfCfg().orElseThrow().get("DPUPLANE_NODE_NAME")).contains("host1-dpu-0");
        assertThat(agent.listDevices(ListDevicesRequest.getDefaultInstance()).getDevicesList())
                .filteredOn(d -> d.getPciAddress().equals("0000:03:00.0")).singleElement()
                .satisfies(d -> assertThat(d.getBfbVersion()).isEqualTo("2.9.1"));
    }

    @Test
    void aCorruptBfbIsRefusedBeforeAnyOfItReachesTheCard() {
        byte[] corrupt = good.clone();
        corrupt[corrupt.length / 2] ^= 0x01;
        String url = registry.serve("/bfbs/corrupt.bfb", corrupt);
        EmulatedDpu dpu = host.dpu("0000:04:00.0");
        int consoleBefore = dpu.console().size();
        Operation done = awaitFinished(install("0000:04:00.0", url, "", "").getId());
        assertThat(done.getState()).isEqualTo(Operation.State.FAILED);
        assertThat(done.getError()).startsWith("corrupt BFB stopped after").contains("CRC mismatch")
                .endsWith("; nothing was sent to the card");
        assertThat(dpu.console().subList(consoleBefore, dpu.console().size()))
                .noneMatch(l -> l.contains("boot stream") || l.contains("SW_RESET"));
        assertThat(dpu.installedVersions()).isEmpty();
    }

    @Test
    void aStreamThatIsNotTheRequestedImageNeverCompletesOnTheCard() {
        String url = registry.serve("/bfbs/other.bfb", good);
        Operation done = awaitFinished(install("0000:04:00.0", url, "ab".repeat(32), "").getId());
        assertThat(done.getState()).isEqualTo(Operation.State.FAILED);
        assertThat(done.getError()).isEqualTo("sha256 mismatch: want " + "ab".repeat(32) + ", got " + goodSha
                + "; nothing was sent to the card");
        assertThat(host.dpu("0000:04:00.0").installedVersions()).isEmpty();
    }

    @Test
    void anInstallInterruptedByAnAgentCrashIsReportedAfterRestartAndTheCardReset() throws Exception {
        EmulatedDpu dpu = host.dpu("0000:05:00.0");
        dpu.setFaults(DeviceFaults.none().withRshimThroughput(1 << 20));
        String url = registry.serve("/bfbs/slow.bfb", good);
        Operation started = install("0000:05:00.0", url, goodSha, "");
        await().atMost(WAIT).until(() -> {
            Operation now = agent.getOperation(GetOperationRequest.newBuilder().setId(started.getId()).build());
            return now.getStage().equals("Streaming") && now.getBytesPushed() > 0;
        });
        // What a crash leaves behind: the journal as it is at this moment.
        Path crashed = root.resolve("journal-at-crash");
        Files.createDirectories(crashed);
        Files.copy(root.resolve("journal").resolve(started.getId() + ".json"), crashed.resolve(started.getId() + ".json"));
        HostDiscovery discovery = new HostDiscovery(host.devRoot(), host.sysRoot());
        try (Operations restarted = new Operations(new OperationJournal(crashed), pci -> port(discovery, pci),
                root.resolve("bfbs-after-crash"), 2, Duration.ofMinutes(1), Duration.ofSeconds(60))) {
            var record = restarted.get(started.getId()).orElseThrow();
            assertThat(record.state()).isEqualTo(OperationRecord.State.INTERRUPTED);
            assertThat(record.error()).contains("the agent restarted while this install was Streaming")
                    .contains("the device was reset");
        }
        assertThat(new OperationJournal(crashed).readAll()).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(OperationRecord.State.INTERRUPTED));
        // The agent that did not crash still runs the install on a card the restarted one reset: stop it.
        dpu.setFaults(DeviceFaults.none());
        agent.cancelOperation(io.dpuplane.agent.proto.v1.CancelOperationRequest.newBuilder().setId(started.getId()).build());
        assertThat(awaitFinished(started.getId()).getState()).isNotEqualTo(Operation.State.RUNNING);
    }

    @Test
    void aCardThatFailsAtABootStageFailsTheInstallWithItsConsoleLine() {
        EmulatedDpu dpu = host.dpu("0000:05:00.0");
        dpu.setFaults(DeviceFaults.none().failingAt(io.dpuplane.agent.emulator.BootStage.OS_INSTALL));
        try {
            String url = registry.serve("/bfbs/fails-to-boot.bfb", good);
            Operation done = awaitFinished(install("0000:05:00.0", url, goodSha, "").getId());
            assertThat(done.getState()).isEqualTo(Operation.State.FAILED);
            assertThat(done.getError()).contains("the DPU failed to boot").contains("Installing the OS");
        } finally {
            dpu.setFaults(DeviceFaults.none());
        }
    }

    @Test
    void aCardThatLosesPowerMidInstallFailsTheInstallWithHowFarItGot() {
        EmulatedDpu dpu = host.dpu("0000:05:00.0");
        dpu.setFaults(DeviceFaults.none().losingPowerAfter(1 << 20));
        try {
            String url = registry.serve("/bfbs/power-loss.bfb", good);
            Operation done = awaitFinished(install("0000:05:00.0", url, goodSha, "").getId());
            assertThat(done.getState()).isEqualTo(Operation.State.FAILED);
            assertThat(done.getError()).satisfiesAnyOf(
                    e -> assertThat(e).contains("the device stopped taking the boot stream"),
                    e -> assertThat(e).contains("power lost"));
            assertThat(dpu.console()).anyMatch(l -> l.contains("power lost"));
        } finally {
            dpu.setFaults(DeviceFaults.none());
        }
    }

    @Test
    void aClientWithoutACertificateFromTheAgentsCaIsRefused() throws Exception {
        IssuedCertificate stranger = TestCertificateAuthority.create("someone-else").issueClient("intruder");
        var tls = GrpcSslContexts.forClient().trustManager(new java.io.ByteArrayInputStream(
                ca.certificate() == null ? new byte[0] : ca.issueClient("x").caPem().getBytes(StandardCharsets.US_ASCII)))
                .keyManager(new java.io.ByteArrayInputStream(stranger.certificatePem().getBytes(StandardCharsets.US_ASCII)),
                        new java.io.ByteArrayInputStream(stranger.keyPem().getBytes(StandardCharsets.US_ASCII)));
        ManagedChannel intruder = NettyChannelBuilder.forAddress("localhost", server.port()).sslContext(tls.build()).build();
        var noCertTls = GrpcSslContexts.forClient().trustManager(new java.io.ByteArrayInputStream(
                ca.issueClient("y").caPem().getBytes(StandardCharsets.US_ASCII)));
        ManagedChannel anonymous = NettyChannelBuilder.forAddress("localhost", server.port()).sslContext(noCertTls.build()).build();
        try {
            assertThatThrownBy(() -> HostAgentGrpc.newBlockingStub(intruder).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listDevices(ListDevicesRequest.getDefaultInstance())).isInstanceOf(StatusRuntimeException.class);
            assertThatThrownBy(() -> HostAgentGrpc.newBlockingStub(anonymous).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listDevices(ListDevicesRequest.getDefaultInstance())).isInstanceOf(StatusRuntimeException.class);
        } finally {
            intruder.shutdownNow();
            anonymous.shutdownNow();
        }
    }
}
