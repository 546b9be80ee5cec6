package io.dpuplane.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.proto.v1.GetOperationRequest;
import io.dpuplane.agent.proto.v1.HostAgentGrpc;
import io.dpuplane.testkit.tls.IssuedCertificate;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's server takes a rotated certificate and CA from its mounted Secret without a restart: the files
 * are swapped the way the kubelet updates a Secret volume (a new timestamped directory, then the
 * {@code ..data} link renamed over), and the next connections see the new ones.
 */
class CertificateRotationTest {

    private final TestCertificateAuthority first = TestCertificateAuthority.create("agent-ca-1");
    private final TestCertificateAuthority second = TestCertificateAuthority.create("agent-ca-2");
    private Path volume;
    private AgentServer server;
    private int version;

    @BeforeEach
    void start() throws IOException {
        volume = Files.createTempDirectory("agent-tls");
        mount(first.issueAgentServer("agent"), pem(first));
        server = AgentServer.start(new InetSocketAddress("127.0.0.1", 0), volume, new HostAgentGrpc.HostAgentImplBase() {
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aNewServerCertificateAndCaAreServedWithoutARestart() throws IOException {
        IssuedCertificate oldClient = first.issueClient("provider-dpuplane");
        assertThat(call(oldClient, first)).isEqualTo(Status.Code.UNIMPLEMENTED);

        // step 1 of a CA rotation: the agent gets a certificate of the new CA and trusts both
        mount(second.issueAgentServer("agent"), pem(first) + pem(second));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> call(oldClient, second) == Status.Code.UNIMPLEMENTED);
        IssuedCertificate newClient = second.issueClient("provider-dpuplane");
        assertThat(call(newClient, second)).as("a client of the new CA").isEqualTo(Status.Code.UNIMPLEMENTED);

        // step 2: the old CA is no longer trusted
        mount(second.issueAgentServer("agent"), pem(second));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> call(oldClient, second) == Status.Code.UNAVAILABLE);
        assertThat(call(newClient, second)).isEqualTo(Status.Code.UNIMPLEMENTED);
    }

    @Test
    void aBrokenUpdateKeepsServingTheLastGoodCertificate() throws IOException {
        IssuedCertificate client = first.issueClient("provider-dpuplane");
        Path broken = Files.createDirectories(volume.resolve("..broken"));
        Files.writeString(broken.resolve("tls.crt"), first.issueAgentServer("agent").certificatePem());
        Files.writeString(broken.resolve("tls.key"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        Files.writeString(broken.resolve("ca.crt"), pem(first));
        swap(broken.getFileName().toString());

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (System.nanoTime() < until) {
            assertThat(call(client, first)).as("a connection after the broken update").isEqualTo(Status.Code.UNIMPLEMENTED);
        }
    }

    /** One new connection and one call: UNIMPLEMENTED means the handshake passed, UNAVAILABLE that it did not. */
    private Status.Code call(IssuedCertificate client, TestCertificateAuthority trusted) throws IOException {
        var tls = GrpcSslContexts.forClient()
                .trustManager(new ByteArrayInputStream(pem(trusted).getBytes(StandardCharsets.US_ASCII)))
                .keyManager(new ByteArrayInputStream(client.certificatePem().getBytes(StandardCharsets.US_ASCII)),
                        new ByteArrayInputStream(client.keyPem().getBytes(StandardCharsets.US_ASCII)))
                .build();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .overrideAuthority("dpuplane-agent").sslContext(tls).build();
        try {
            HostAgentGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getOperation(GetOperationRequest.newBuilder().setId("x").build());
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        } finally {
            channel.shutdownNow();
        }
    }

    /** Writes a new version of the Secret's files and points the volume at it, as the kubelet does. */
    private void mount(IssuedCertificate serverCertificate, String trustedPem) throws IOException {
        String name = "..v" + (++version);
        Path dir = Files.createDirectories(volume.resolve(name));
        Files.writeString(dir.resolve("tls.crt"), serverCertificate.certificatePem());
        Files.writeString(dir.resolve("tls.key"), serverCertificate.keyPem());
        Files.writeString(dir.resolve("ca.crt"), trustedPem);
        swap(name);
        for (String file : new String[] {"tls.crt", "tls.key", "ca.crt"}) {
            if (!Files.isSymbolicLink(volume.resolve(file))) {
                Files.createSymbolicLink(volume.resolve(file), Path.of("..data", file));
            }
        }
    }

    private void swap(String name) throws IOException {
        Path link = volume.resolve("..data_tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(name));
        Files.move(link, volume.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String pem(TestCertificateAuthority ca) {
        return ca.issueClient("unused").caPem();
    }
}
