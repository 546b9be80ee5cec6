package io.dpuplane.provider.pki;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider as the certificate authority of the provider-to-agent mutual TLS: it keeps a CA in
 * {@value AgentSecrets#CA} and issues the agents' server certificate and the provider's client certificate
 * from it, renewing each before it expires. The CA itself is replaced in two steps so that no connection
 * breaks while Secrets reach the agents: the new CA is first only trusted (added to every {@code ca.crt}), it
 * signs once that has had time to propagate, and the old CA stays trusted for as long again.
 *
 * <p>State lives in the Secrets only (the CA Secret's annotations say when a step began), so a restarted or
 * second provider continues where the last left off; writes carry the resourceVersion they read.
 */
public final class ProviderAuthority {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String PROVIDER = "provider-dpuplane";
    static final String NEXT_SINCE = "pki.dpuplane.io/next-ca-since";
    static final String PREVIOUS_SINCE = "pki.dpuplane.io/previous-ca-since";
    private static final String CA_NAME = "dpuplane agent CA";

    private final KubernetesClient client;
    private final String namespace;
    private final AgentCertificateSettings settings;

    public ProviderAuthority(KubernetesClient client, String namespace, AgentCertificateSettings settings) {
        this.client = client;
        this.namespace = namespace;
        this.settings = settings;
    }

    /** Brings the CA and both certificates to where they should be at {@code now}; returns what it changed. */
    public List<String> reconcile(Instant now) {
        List<String> changes = new ArrayList<>();
        Secret caSecret = client.secrets().inNamespace(namespace).withName(AgentSecrets.CA).get();
        if (caSecret != null && !managed(caSecret)) {
            return List.of("left Secret " + namespace + "/" + AgentSecrets.CA + " alone: it is not managed by " + PROVIDER);
        }
        Authorities authorities = caSecret == null ? Authorities.fresh(now, settings.caValidity())
                : Authorities.read(SecretData.of(caSecret), caSecret.getMetadata().getAnnotations());
        if (caSecret == null) {
            changes.add("created the agent CA (valid until " + authorities.current.certificate().getNotAfter().toInstant() + ")");
        }
        authorities = step(authorities, now, changes);
        write(caSecret, AgentSecrets.CA, authorities.data(), authorities.annotations());
        for (Leaf leaf : Leaf.values()) {
            ensure(leaf, authorities, now, changes);
        }
        return changes;
    }

    private Authorities step(Authorities at, Instant now, List<String> changes) {
        Duration propagation = settings.propagation();
        Authorities next = at;
        if (next.previous != null && !now.isBefore(next.previousSince.plus(propagation))) {
            changes.add("stopped trusting the previous agent CA");
            next = new Authorities(next.current, next.next, next.nextSince, null, null);
        }
        if (next.next != null && !now.isBefore(next.nextSince.plus(propagation))) {
            changes.add("the new agent CA now signs; the previous one stays trusted for " + propagation);
            next = new Authorities(next.next, null, null, next.current.certificate(), now);
        } else if (next.next == null && !now.isBefore(next.current.certificate().getNotAfter().toInstant()
                .minus(settings.caRenewBefore()))) {
            changes.add("created the next agent CA; it is trusted now and signs in " + propagation);
            next = new Authorities(next.current, CertificateAuthority.create(CA_NAME, now, settings.caValidity()), now,
                    next.previous, next.previousSince);
        }
        return next;
    }

    private void ensure(Leaf leaf, Authorities authorities, Instant now, List<String> changes) {
        Secret secret = client.secrets().inNamespace(namespace).withName(leaf.secretName).get();
        if (secret != null && !managed(secret)) {
            changes.add("left Secret " + namespace + "/" + leaf.secretName + " alone: it is not managed by " + PROVIDER);
            return;
        }
        SecretData data = secret == null ? SecretData.empty() : SecretData.of(secret);
        Optional<String> reissue = reissueReason(leaf, data, authorities.current, now);
        SecretData wanted = data.with("ca.crt", Pem.certificates(authorities.trusted()));
        if (reissue.isPresent()) {
            CertificateAuthority.Issued issued = authorities.current.issue(leaf.commonName, leaf.dnsNames, leaf.purpose,
                    now, settings.validity());
            wanted = wanted.with("tls.crt", Pem.certificates(List.of(issued.certificate())))
                    .with("tls.key", Pem.privateKey(issued.key()));
            changes.add("issued " + leaf.secretName + " (" + reissue.get() + "), valid until "
                    + issued.certificate().getNotAfter().toInstant());
        } else if (!wanted.equals(data)) {
            changes.add("updated the trusted CAs of " + leaf.secretName);
        }
        write(secret, leaf.secretName, wanted, Map.of());
    }

    private Optional<String> reissueReason(Leaf leaf, SecretData data, CertificateAuthority current, Instant now) {
        Optional<String> pem = data.get("tls.crt");
        if (pem.isEmpty() || data.get("tls.key").isEmpty()) {
            return Optional.of("new");
        }
        X509Certificate certificate;
        try {
            certificate = Pem.readCertificates(pem.get()).get(0);
        } catch (RuntimeException unreadable) {
            return Optional.of("the old one was unreadable");
        }
        if (!now.isBefore(certificate.getNotAfter().toInstant().minus(settings.renewBefore()))) {
            return Optional.of("renewal: it expires " + certificate.getNotAfter().toInstant());
        }
        try {
            certificate.verify(current.certificate().getPublicKey());
        } catch (GeneralSecurityException notOurs) {
            return Optional.of("the current CA did not sign the old one");
        }
        if (!leaf.commonName.equals(commonName(certificate))) {
            return Optional.of("its name changed");
        }
        return Optional.empty();
    }

    private void write(Secret existing, String name, SecretData data, Map<String, String> annotations) {
        if (existing != null && SecretData.of(existing).equals(data) && annotations.equals(ours(existing))) {
            return;
        }
        Map<String, String> allAnnotations = new HashMap<>(existing == null || existing.getMetadata().getAnnotations() == null
                ? Map.of() : existing.getMetadata().getAnnotations());
        allAnnotations.keySet().removeIf(k -> k.startsWith("pki.dpuplane.io/"));
        allAnnotations.putAll(annotations);
        Secret secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(Map.of(MANAGED_BY, PROVIDER)).withAnnotations(allAnnotations)
                .withResourceVersion(existing == null ? null : existing.getMetadata().getResourceVersion())
                .endMetadata().withType("kubernetes.io/tls").withData(data.encoded()).build();
        if (existing == null) {
            client.secrets().inNamespace(namespace).resource(secret).create();
        } else {
            client.secrets().inNamespace(namespace).resource(secret).update();
        }
    }

    private static Map<String, String> ours(Secret secret) {
        Map<String, String> ours = new HashMap<>();
        if (secret.getMetadata().getAnnotations() != null) {
            secret.getMetadata().getAnnotations().forEach((k, v) -> {
                if (k.startsWith("pki.dpuplane.io/")) {
                    ours.put(k, v);
                }
            });
        }
        return ours;
    }

    private static boolean managed(Secret secret) {
        return secret.getMetadata().getLabels() != null && PROVIDER.equals(secret.getMetadata().getLabels().get(MANAGED_BY));
    }

    private static String commonName(X509Certificate certificate) {
        String dn = certificate.getSubjectX500Principal().getName();
        return dn.startsWith("CN=") ? dn.substring(3).split(",", 2)[0] : dn;
    }

    /** The certificates the provider issues. */
    private enum Leaf {
        AGENT_SERVER(AgentSecrets.AGENT_SERVER, AgentSecrets.AGENT_SERVER_NAME, List.of(AgentSecrets.AGENT_SERVER_NAME),
                CertificateAuthority.Purpose.SERVER),
        PROVIDER_CLIENT(AgentSecrets.PROVIDER_CLIENT, AgentSecrets.PROVIDER_CLIENT_NAME, List.of(),
                CertificateAuthority.Purpose.CLIENT);

        private final String secretName;
        private final String commonName;
        private final List<String> dnsNames;
        private final CertificateAuthority.Purpose purpose;

        Leaf(String secretName, String commonName, List<String> dnsNames, CertificateAuthority.Purpose purpose) {
            this.secretName = secretName;
            this.commonName = commonName;
            this.dnsNames = dnsNames;
            this.purpose = purpose;
        }
    }

    /** The CA that signs, the one about to (trusted already), and the one that did (trusted still). */
    private record Authorities(CertificateAuthority current, CertificateAuthority next, Instant nextSince,
            X509Certificate previous, Instant previousSince) {

        static Authorities fresh(Instant now, Duration validity) {
            return new Authorities(CertificateAuthority.create(CA_NAME, now, validity), null, null, null, null);
        }

        static Authorities read(SecretData data, Map<String, String> annotations) {
            Map<String, String> at = annotations == null ? Map.of() : annotations;
            CertificateAuthority current = new CertificateAuthority(Pem.readPrivateKey(required(data, "tls.key")),
                    Pem.readCertificates(required(data, "tls.crt")).get(0));
            CertificateAuthority next = data.get("next.crt").isPresent() && at.containsKey(NEXT_SINCE)
                    ? new CertificateAuthority(Pem.readPrivateKey(required(data, "next.key")),
                            Pem.readCertificates(data.get("next.crt").get()).get(0))
                    : null;
            X509Certificate previous = data.get("previous.crt").isPresent() && at.containsKey(PREVIOUS_SINCE)
                    ? Pem.readCertificates(data.get("previous.crt").get()).get(0) : null;
            return new Authorities(current, next, next == null ? null : Instant.parse(at.get(NEXT_SINCE)),
                    previous, previous == null ? null : Instant.parse(at.get(PREVIOUS_SINCE)));
        }

        List<X509Certificate> trusted() {
            List<X509Certificate> trusted = new ArrayList<>();
            trusted.add(current.certificate());
            if (next != null) {
                trusted.add(next.certificate());
            }
            if (previous != null) {
                trusted.add(previous);
            }
            return trusted;
        }

        SecretData data() {
            SecretData data = SecretData.empty()
                    .with("tls.crt", Pem.certificates(List.of(current.certificate())))
                    .with("tls.key", Pem.privateKey(current.key()))
                    .with("ca.crt", Pem.certificates(trusted()));
            if (next != null) {
                data = data.with("next.crt", Pem.certificates(List.of(next.certificate())))
                        .with("next.key", Pem.privateKey(next.key()));
            }
            if (previous != null) {
                data = data.with("previous.crt", Pem.certificates(List.of(previous)));
            }
            return data;
        }

        Map<String, String> annotations() {
            Map<String, String> annotations = new HashMap<>();
            if (next != null) {
                annotations.put(NEXT_SINCE, nextSince.toString());
            }
            if (previous != null) {
                annotations.put(PREVIOUS_SINCE, previousSince.toString());
            }
            return annotations;
        }

        private static String required(SecretData data, String key) {
            return data.get(key).orElseThrow(() -> new IllegalStateException("Secret " + AgentSecrets.CA + " has no "
                    + key + "; delete it to have a new CA created (every agent certificate is then reissued)"));
        }
    }
}
