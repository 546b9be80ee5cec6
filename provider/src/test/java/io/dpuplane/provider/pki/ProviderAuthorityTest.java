package io.dpuplane.provider.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dpuplane.agent.host.AgentServer;
import io.dpuplane.agent.proto.v1.GetOperationRequest;
import io.dpuplane.agent.proto.v1.HostAgentGrpc;
import io.dpuplane.provider.dpu.AgentChannels;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider as the agents' certificate authority, on a real API server: what it issues, that the agent's
 * server and the provider's channel accept each other with it, renewal, and a CA rotation in which every step
 * keeps both sides trusting each other.
 */
class ProviderAuthorityTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final KubernetesClient client = TestControlPlanes.host().client();
    private final TestSettings settings = TestSettings.days();
    private String namespace;
    private ProviderAuthority authority;

    @BeforeEach
    void namespace() {
        namespace = "pki-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        authority = new ProviderAuthority(client, namespace, settings);
    }

    @Test
    void issuesTheAgentsServerAndTheProvidersClientCertificateFromItsOwnCa() {
        assertThat(authority.reconcile(START)).hasSize(3);

        X509Certificate ca = certificate(AgentSecrets.CA, "tls.crt");
        X509Certificate server = certificate(AgentSecrets.AGENT_SERVER, "tls.crt");
        X509Certificate client = certificate(AgentSecrets.PROVIDER_CLIENT, "tls.crt");
        assertThat(ca.getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
        assertSignedBy(server, ca);
        assertSignedBy(client, ca);
        assertThat(names(server)).containsExactly(AgentSecrets.AGENT_SERVER_NAME);
        assertThat(purposes(server)).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(purposes(client)).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(server.getNotAfter().toInstant()).isEqualTo(START.plus(Duration.ofDays(90)));
        assertThat(text(AgentSecrets.AGENT_SERVER, "ca.crt")).isEqualTo(text(AgentSecrets.CA, "tls.crt"));
        assertThat(secret(AgentSecrets.AGENT_SERVER).getType()).isEqualTo("kubernetes.io/tls");
    }

    @Test
    void checkingAgainBeforeAnythingIsDueChangesNothing() {
        authority.reconcile(START);
        Map<String, String> versions = versions();

        assertThat(authority.reconcile(START.plus(Duration.ofDays(59)))).isEmpty();
        assertThat(versions()).isEqualTo(versions);
    }

    @Test
    void certificatesAreRenewedBeforeTheyExpireByTheSameCa() {
        authority.reconcile(START);
        X509Certificate ca = certificate(AgentSecrets.CA, "tls.crt");
        X509Certificate server = certificate(AgentSecrets.AGENT_SERVER, "tls.crt");

        List<String> changes = authority.reconcile(START.plus(Duration.ofDays(60)));

        assertThat(changes).hasSize(2).allMatch(change -> change.contains("renewal"));
        X509Certificate renewed = certificate(AgentSecrets.AGENT_SERVER, "tls.crt");
        assertThat(renewed.getSerialNumber()).isNotEqualTo(server.getSerialNumber());
        assertThat(renewed.getNotAfter().toInstant()).isEqualTo(START.plus(Duration.ofDays(150)));
        assertThat(certificate(AgentSecrets.CA, "tls.crt")).isEqualTo(ca);
        assertSignedBy(renewed, ca);
    }

    @Test
    void theCaIsReplacedInStepsThatKeepEveryCertificateTrustedOnBothSides() {
        authority.reconcile(START);
        X509Certificate oldCa = certificate(AgentSecrets.CA, "tls.crt");
        Instant due = START.plus(Duration.ofDays(3650 - 365));

        // step 1: the next CA is trusted everywhere, but does not sign yet
        authority.reconcile(due);
        X509Certificate newCa = certificate(AgentSecrets.CA, "next.crt");
        for (String leaf : List.of(AgentSecrets.AGENT_SERVER, AgentSecrets.PROVIDER_CLIENT)) {
            assertThat(bundle(leaf)).containsExactly(oldCa, newCa);
        }
        // the leaves were renewed on the way (their 90 days ran out long ago), still by the old CA
        assertSignedBy(certificate(AgentSecrets.AGENT_SERVER, "tls.crt"), oldCa);

        // step 2, once that had time to reach the agents: the new CA signs; the old one is still trusted
        assertThat(authority.reconcile(due.plus(Duration.ofMinutes(9)))).isEmpty();
        authority.reconcile(due.plus(Duration.ofMinutes(10)));
        assertThat(certificate(AgentSecrets.CA, "tls.crt")).isEqualTo(newCa);
        for (String leaf : List.of(AgentSecrets.AGENT_SERVER, AgentSecrets.PROVIDER_CLIENT)) {
            assertSignedBy(certificate(leaf, "tls.crt"), newCa);
            assertThat(bundle(leaf)).containsExactly(newCa, oldCa);
        }

        // step 3: the old CA is no longer trusted
        authority.reconcile(due.plus(Duration.ofMinutes(20)));
        for (String leaf : List.of(AgentSecrets.AGENT_SERVER, AgentSecrets.PROVIDER_CLIENT)) {
            assertThat(bundle(leaf)).containsExactly(newCa);
        }
        assertThat(text(AgentSecrets.CA, "previous.crt")).isNull();
    }

    @Test
    void aSecretTheProviderDoesNotManageIsLeftAlone() {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                .withName(AgentSecrets.AGENT_SERVER).endMetadata().addToStringData("tls.crt", "mine").build()).create();

        List<String> changes = authority.reconcile(START);

        assertThat(changes).anyMatch(c -> c.contains("left Secret " + namespace + "/" + AgentSecrets.AGENT_SERVER + " alone"));
        assertThat(text(AgentSecrets.AGENT_SERVER, "tls.crt")).isEqualTo("mine");
        assertThat(secret(AgentSecrets.PROVIDER_CLIENT)).isNotNull();
    }

    @Test
    void theAgentServesAndTheProviderCallsWithWhatWasIssuedAndARotationDoesNotStopThem() throws IOException {
        Instant now = Instant.now();
        authority.reconcile(now);
        Path volume = mount(Files.createTempDirectory("agent-tls"));
        try (AgentServer agent = AgentServer.start(new InetSocketAddress("127.0.0.1", 0), volume,
                new HostAgentGrpc.HostAgentImplBase() {
                });
                AgentChannels channels = new AgentChannels()) {
            String endpoint = "127.0.0.1:" + agent.port();
            assertThat(call(channels, endpoint)).as("handshake passed").isEqualTo(Status.Code.UNIMPLEMENTED);

            // a new client certificate (the Secret changed): the provider opens a new channel with it
            client.secrets().inNamespace(namespace).withName(AgentSecrets.PROVIDER_CLIENT).delete();
            org.awaitility.Awaitility.await().until(() -> secret(AgentSecrets.PROVIDER_CLIENT) == null);
            authority.reconcile(now);
            assertThat(call(channels, endpoint)).isEqualTo(Status.Code.UNIMPLEMENTED);

            // a server certificate of another name is refused by the provider
            assertThatThrownBy(() -> channels.agent(endpoint, "someone-else", secret(AgentSecrets.PROVIDER_CLIENT), 5)
                    .getOperation(GetOperationRequest.newBuilder().setId("x").build()))
                    .isInstanceOf(StatusRuntimeException.class)
                    .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                            .isEqualTo(Status.Code.UNAVAILABLE));
        }
    }

    private Status.Code call(AgentChannels channels, String endpoint) {
        try {
            channels.agent(endpoint, AgentSecrets.AGENT_SERVER_NAME, secret(AgentSecrets.PROVIDER_CLIENT), 5)
                    .getOperation(GetOperationRequest.newBuilder().setId("x").build());
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    /** The agents' Secret as files, where the agent chart mounts it. */
    private Path mount(Path dir) throws IOException {
        for (String file : List.of("tls.crt", "tls.key", "ca.crt")) {
            Files.writeString(dir.resolve(file), text(AgentSecrets.AGENT_SERVER, file));
        }
        return dir;
    }

    private Map<String, String> versions() {
        return Map.of(AgentSecrets.CA, secret(AgentSecrets.CA).getMetadata().getResourceVersion(),
                AgentSecrets.AGENT_SERVER, secret(AgentSecrets.AGENT_SERVER).getMetadata().getResourceVersion(),
                AgentSecrets.PROVIDER_CLIENT, secret(AgentSecrets.PROVIDER_CLIENT).getMetadata().getResourceVersion());
    }

    private Secret secret(String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    private String text(String secret, String key) {
        return SecretData.of(secret(secret)).get(key).orElse(null);
    }

    private X509Certificate certificate(String secret, String key) {
        return Pem.readCertificates(text(secret, key)).get(0);
    }

    private List<X509Certificate> bundle(String secret) {
        return Pem.readCertificates(text(secret, "ca.crt"));
    }

    private static void assertSignedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(certificate.getSubjectX500Principal() + " is not signed by "
                    + ca.getSubjectX500Principal() + " " + ca.getSerialNumber(), e);
        }
    }

    private static List<String> names(X509Certificate certificate) {
        try {
            return certificate.getSubjectAlternativeNames().stream().map(san -> (String) san.get(1)).toList();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> purposes(X509Certificate certificate) {
        try {
            return certificate.getExtendedKeyUsage();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new AssertionError(e);
        }
    }
}
