package io.dpuplane.provider.pki;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's cert-manager objects, accepted by a real API server that serves cert-manager's own CRDs
 * (fetched by tools/testenv/cert-manager-crds.sh). cert-manager's controller is not run here: what the
 * provider reports is played by writing a Certificate's status as cert-manager does.
 */
class CertManagerIssuanceTest {

    private static final String VERSION = "1.21.2";

    private final KubernetesClient client = TestControlPlanes.host().client();
    private String namespace;
    private CertManagerIssuance issuance;

    @BeforeAll
    static void certManagerCrds() {
        Path dir = ProjectLayout.cacheDir().resolve("cert-manager-" + VERSION).resolve("crds");
        if (!Files.isRegularFile(dir.resolve("cert-manager.io_certificates.yaml"))) {
            throw new IllegalStateException("the cert-manager " + VERSION + " CRDs are not in " + dir
                    + ": run tools/testenv/cert-manager-crds.sh (fetches them from the Go module proxy)");
        }
        for (String kind : List.of("certificates", "issuers")) {
            TestControlPlanes.host().installCrd(dir.resolve("cert-manager.io_" + kind + ".yaml"));
        }
    }

    @BeforeEach
    void namespace() {
        namespace = "certs-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        issuance = new CertManagerIssuance(client, namespace, TestSettings.days());
    }

    @Test
    void aClusterServingCertManagersApiIsRecognised() {
        assertThat(CertManagerIssuance.served(client)).isTrue();
    }

    @Test
    void declaresACaAndTheTwoCertificatesThatCertManagersSchemaAccepts() {
        issuance.reconcile();

        GenericKubernetesResource server = certificate(AgentSecrets.AGENT_SERVER);
        assertThat(spec(server)).containsEntry("secretName", AgentSecrets.AGENT_SERVER)
                .containsEntry("dnsNames", List.of(AgentSecrets.AGENT_SERVER_NAME))
                .containsEntry("duration", "2160h0m0s").containsEntry("renewBefore", "720h0m0s")
                .containsEntry("usages", List.of("server auth", "digital signature"))
                .containsEntry("issuerRef", Map.of("name", CertManagerIssuance.CA_ISSUER, "kind", "Issuer",
                        "group", "cert-manager.io"));
        assertThat(spec(server).get("privateKey")).isEqualTo(Map.of("algorithm", "ECDSA", "size", 256,
                "encoding", "PKCS8", "rotationPolicy", "Always"));
        assertThat(spec(certificate(AgentSecrets.PROVIDER_CLIENT))).containsEntry("usages",
                List.of("client auth", "digital signature"));
        assertThat(spec(certificate(AgentSecrets.CA))).containsEntry("isCA", true)
                .containsEntry("issuerRef", Map.of("name", CertManagerIssuance.SELF_SIGNED_ISSUER, "kind", "Issuer",
                        "group", "cert-manager.io"));
        assertThat(spec(issuer(CertManagerIssuance.CA_ISSUER))).containsEntry("ca", Map.of("secretName", AgentSecrets.CA));
        assertThat(spec(issuer(CertManagerIssuance.SELF_SIGNED_ISSUER))).containsKey("selfSigned");
    }

    @Test
    void applyingAgainChangesNothing() {
        issuance.reconcile();
        String version = certificate(AgentSecrets.AGENT_SERVER).getMetadata().getResourceVersion();

        issuance.reconcile();

        assertThat(certificate(AgentSecrets.AGENT_SERVER).getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void certificatesCertManagerHasNotIssuedAreReportedWithItsMessage() {
        assertThat(issuance.reconcile()).hasSize(3)
                .allMatch(problem -> problem.endsWith("cert-manager has not reported on it yet (is cert-manager running?)"));

        for (String name : List.of(AgentSecrets.CA, AgentSecrets.PROVIDER_CLIENT)) {
            status(name, "True", "Certificate is up to date and has not expired");
        }
        status(AgentSecrets.AGENT_SERVER, "False", "Issuing certificate as Secret does not exist");

        assertThat(issuance.reconcile()).containsExactly("Certificate " + namespace + "/" + AgentSecrets.AGENT_SERVER
                + " is not Ready: Issuing certificate as Secret does not exist");
    }

    /** Writes a Ready condition as cert-manager's controller does. */
    private void status(String certificate, String ready, String message) {
        GenericKubernetesResource applied = certificate(certificate);
        applied.getAdditionalProperties().put("status", Map.of("conditions", List.of(Map.of("type", "Ready",
                "status", ready, "reason", "Test", "message", message,
                "lastTransitionTime", "2026-11-28T00:00:00Z"))));
        client.genericKubernetesResources(CertManagerIssuance.API_VERSION, "Certificate").inNamespace(namespace)
                .resource(applied).updateStatus();
    }

    private GenericKubernetesResource certificate(String name) {
        return client.genericKubernetesResources(CertManagerIssuance.API_VERSION, "Certificate").inNamespace(namespace)
                .withName(name).get();
    }

    private GenericKubernetesResource issuer(String name) {
        return client.genericKubernetesResources(CertManagerIssuance.API_VERSION, "Issuer").inNamespace(namespace)
                .withName(name).get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }
}
