package io.dpuplane.provider.pki;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The provider-to-agent certificates issued by cert-manager: a self-signed Issuer that makes a CA
 * Certificate, a CA Issuer from it, and the agents' server and the provider's client Certificates, whose
 * Secrets have the same names and layout as when the provider issues them. cert-manager renews them; the
 * provider only keeps these objects as declared (server-side apply) and reports the Certificates that are not
 * Ready. Keys are PKCS#8 ECDSA P-256 and rotated on every renewal.
 */
public final class CertManagerIssuance {

    public static final String API_VERSION = "cert-manager.io/v1";
    static final String SELF_SIGNED_ISSUER = "dpuplane-agent-selfsigned";
    static final String CA_ISSUER = "dpuplane-agent-ca";

    private final KubernetesClient client;
    private final String namespace;
    private final AgentCertificateSettings settings;

    public CertManagerIssuance(KubernetesClient client, String namespace, AgentCertificateSettings settings) {
        this.client = client;
        this.namespace = namespace;
        this.settings = settings;
    }

    /** Whether the cluster serves cert-manager's API. */
    public static boolean served(KubernetesClient client) {
        return client.supports(API_VERSION, "Certificate");
    }

    /** Applies the Issuers and Certificates; returns the Certificates cert-manager has not made Ready yet. */
    public List<String> reconcile() {
        for (String manifest : manifests()) {
            GenericKubernetesResource resource = Serialization.unmarshal(manifest, GenericKubernetesResource.class);
            client.resource(resource).inNamespace(namespace).fieldManager(ProviderAuthority.PROVIDER).forceConflicts()
                    .serverSideApply();
        }
        List<String> notReady = new ArrayList<>();
        for (String certificate : List.of(AgentSecrets.CA, AgentSecrets.AGENT_SERVER, AgentSecrets.PROVIDER_CLIENT)) {
            GenericKubernetesResource applied = client.genericKubernetesResources(API_VERSION, "Certificate")
                    .inNamespace(namespace).withName(certificate).get();
            String ready = readyMessage(applied);
            if (ready != null) {
                notReady.add("Certificate " + namespace + "/" + certificate + " is not Ready: " + ready);
            }
        }
        return notReady;
    }

    List<String> manifests() {
        String common = """
                  labels: {%s: %s}
                """.formatted(ProviderAuthority.MANAGED_BY, ProviderAuthority.PROVIDER);
        String privateKey = "  privateKey: {algorithm: ECDSA, size: 256, encoding: PKCS8, rotationPolicy: Always}\n";
        return List.of(
                """
                apiVersion: %s
                kind: Issuer
                metadata:
                  name: %s
                %sspec:
                  selfSigned: {}
                """.formatted(API_VERSION, SELF_SIGNED_ISSUER, common),
                """
                apiVersion: %s
                kind: Certificate
                metadata:
                  name: %s
                %sspec:
                  isCA: true
                  commonName: dpuplane agent CA
                  secretName: %s
                  duration: %s
                  renewBefore: %s
                %s  issuerRef: {name: %s, kind: Issuer, group: cert-manager.io}
                """.formatted(API_VERSION, AgentSecrets.CA, common, AgentSecrets.CA, go(settings.caValidity()),
                        go(settings.caRenewBefore()), privateKey, SELF_SIGNED_ISSUER),
                """
                apiVersion: %s
                kind: Issuer
                metadata:
                  name: %s
                %sspec:
                  ca: {secretName: %s}
                """.formatted(API_VERSION, CA_ISSUER, common, AgentSecrets.CA),
                leaf(AgentSecrets.AGENT_SERVER, AgentSecrets.AGENT_SERVER_NAME, "dnsNames: [" + AgentSecrets.AGENT_SERVER_NAME
                        + "]", "server auth", common, privateKey),
                leaf(AgentSecrets.PROVIDER_CLIENT, AgentSecrets.PROVIDER_CLIENT_NAME, "", "client auth", common,
                        privateKey));
    }

    /** A Certificate the CA Issuer signs, into the Secret of the same name. */
    private String leaf(String name, String commonName, String names, String usage, String common, String privateKey) {
        return """
                apiVersion: %s
                kind: Certificate
                metadata:
                  name: %s
                %sspec:
                  commonName: %s
                  %s
                  usages: [%s, digital signature]
                  secretName: %s
                  duration: %s
                  renewBefore: %s
                %s  issuerRef: {name: %s, kind: Issuer, group: cert-manager.io}
                """.formatted(API_VERSION, name, common, commonName, names, usage, name, go(settings.validity()),
                go(settings.renewBefore()), privateKey, CA_ISSUER);
    }

    @SuppressWarnings("unchecked")
    private static String readyMessage(GenericKubernetesResource certificate) {
        if (certificate == null) {
            return "not created";
        }
        Map<String, Object> status = (Map<String, Object>) certificate.getAdditionalProperties().get("status");
        List<Map<String, Object>> conditions = status == null ? List.of()
                : (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
        Map<String, Object> ready = conditions.stream().filter(c -> "Ready".equals(c.get("type"))).findFirst().orElse(null);
        if (ready == null) {
            return "cert-manager has not reported on it yet (is cert-manager running?)";
        }
        return "True".equals(ready.get("status")) ? null : String.valueOf(ready.get("message"));
    }

    /** A duration as Go writes it, which cert-manager's fields take (hours, minutes, seconds). */
    static String go(Duration duration) {
        long seconds = duration.toSeconds();
        return (seconds / 3600) + "h" + (seconds % 3600 / 60) + "m" + (seconds % 60) + "s";
    }
}
