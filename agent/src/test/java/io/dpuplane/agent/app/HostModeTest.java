package io.dpuplane.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.proto.v1.HostAgentGrpc;
import io.dpuplane.agent.proto.v1.ListDevicesRequest;
import io.dpuplane.apis.provisioning.v1alpha1.DPUDevice;
import io.dpuplane.apis.provisioning.v1alpha1.DPUNode;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.dpuplane.testkit.tls.IssuedCertificate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The agent app in host mode, as the DaemonSet runs it: inventory published, API served over mTLS. */
@QuarkusTest
@QuarkusTestResource(EmulatedHostResource.class)
class HostModeTest {

    @Inject
    HostMode hostMode;

    @Test
    void theAgentPublishesItsHostAndCardsAndKeepsTheHeartbeatFresh() {
        KubernetesClient client = TestControlPlanes.host().client();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.resources(DPUDevice.class).inNamespace("dpuplane-system")
                .withLabel("dpuplane.io/node", "qa-host").list().getItems().size() == 2);
        String first = client.resources(DPUNode.class).inNamespace("dpuplane-system").withName("qa-host").get()
                .getStatus().lastHeartbeatTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> !first.equals(client.resources(DPUNode.class)
                .inNamespace("dpuplane-system").withName("qa-host").get().getStatus().lastHeartbeatTime()));
    }

    @Test
    void theApiAnswersAClientWithACertificateFromTheCa() throws Exception {
        IssuedCertificate provider = EmulatedHostResource.ca.issueClient("provider-dpuplane");
        var tls = GrpcSslContexts.forClient()
                .trustManager(new ByteArrayInputStream(provider.caPem().getBytes(StandardCharsets.US_ASCII)))
                .keyManager(new ByteArrayInputStream(provider.certificatePem().getBytes(StandardCharsets.US_ASCII)),
                        new ByteArrayInputStream(provider.keyPem().getBytes(StandardCharsets.US_ASCII)));
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", hostMode.port()).sslContext(tls.build()).build();
        try {
            var devices = HostAgentGrpc.newBlockingStub(channel).listDevices(ListDevicesRequest.getDefaultInstance());
            assertThat(devices.getNodeName()).isEqualTo("qa-host");
            assertThat(devices.getDevicesCount()).isEqualTo(2);
        } finally {
            channel.shutdownNow();
        }
    }
}
