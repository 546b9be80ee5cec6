package io.dpuplane.testkit.crossplane;

import io.dpuplane.testkit.tls.IssuedCertificate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The package runtime of Crossplane's {@code External} mode: Crossplane core creates the package revisions
 * but runs nothing, and expects someone else to run each package and say so. This is that someone for
 * packages whose process we started. For every active revision of such a Function or Provider it does what
 * core's Deployment runtime would: stores the package's TLS server certificate in the Secret the revision
 * names ({@code spec.tlsServerSecretName}, which core waits for before it establishes the package's
 * objects) and reports it in status, writes the endpoint core dials a Function at ({@code status.endpoint}),
 * and marks the runtime healthy ({@code RuntimeHealthy}); again whenever a new revision appears or the
 * status loses any of it.
 */
public final class ExternalRuntime implements AutoCloseable {

    static final String PACKAGE_LABEL = "pkg.crossplane.io/package";
    private static final int CONFLICT_RETRIES = 10;

    private final KubernetesClient client;
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();

    public ExternalRuntime(KubernetesClient client) {
        this.client = client;
    }

    /**
     * A Function of ours runs at {@code endpoint} (e.g. {@code dns:///localhost:9443}), serving mutual TLS with
     * {@code serverCertificate}.
     */
    public void runsFunction(String functionName, String endpoint, IssuedCertificate serverCertificate) {
        watch("FunctionRevision", functionName, endpoint, serverCertificate);
    }

    /** A Provider of ours runs (its process is up and ready); {@code serverCertificate} is its webhook's. */
    public void runsProvider(String providerName, IssuedCertificate serverCertificate) {
        watch("ProviderRevision", providerName, null, serverCertificate);
    }

    private void watch(String kind, String packageName, String endpoint, IssuedCertificate certificate) {
        SharedIndexInformer<GenericKubernetesResource> informer = client
                .genericKubernetesResources(PackageInstaller.PKG_V1, kind).withLabel(PACKAGE_LABEL, packageName)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource revision) {
                        serveOrSay(kind, revision, endpoint, certificate);
                    }

                    @Override
                    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource revision) {
                        serveOrSay(kind, revision, endpoint, certificate);
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource revision, boolean unknown) {
                        // nothing runs per revision here
                    }
                });
        informers.add(informer);
    }

    private void serveOrSay(String kind, GenericKubernetesResource seen, String endpoint,
            IssuedCertificate certificate) {
        try {
            serve(kind, seen, endpoint, certificate);
        } catch (RuntimeException e) {
            System.err.printf("[testkit] cannot run %s %s: %s%n", kind, seen.getMetadata().getName(), e);
        }
    }

    private void serve(String kind, GenericKubernetesResource seen, String endpoint, IssuedCertificate certificate) {
        if (served(seen, endpoint) || !active(seen)) {
            return;
        }
        String name = seen.getMetadata().getName();
        String secret = tlsServerSecretName(seen);
        storeCertificate(secret, certificate);
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            GenericKubernetesResource revision = client.genericKubernetesResources(PackageInstaller.PKG_V1, kind)
                    .withName(name).get();
            if (revision == null || served(revision, endpoint) || !active(revision)) {
                return;
            }
            Map<String, Object> status = status(revision);
            if (endpoint != null) {
                status.put("endpoint", endpoint);
            }
            status.put("tlsServerSecretName", secret);
            status.put("conditions", PackageConditions.with(PackageConditions.of(revision), runtimeHealthy(endpoint)));
            revision.getAdditionalProperties().put("status", status);
            try {
                client.resource(revision).updateStatus();
                System.out.printf("[testkit] %s %s runs outside the cluster%s%n", kind, name,
                        endpoint == null ? "" : " at " + endpoint);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    System.err.printf("[testkit] cannot mark %s %s as running: %s%n", kind, name, e.getMessage());
                    return;
                }
            }
        }
    }

    private static boolean served(GenericKubernetesResource revision, String endpoint) {
        Map<String, Object> status = status(revision);
        return PackageConditions.isTrue(revision, "RuntimeHealthy")
                && (endpoint == null || Objects.equals(endpoint, status.get("endpoint")))
                && Objects.equals(tlsServerSecretName(revision), status.get("tlsServerSecretName"));
    }

    private void storeCertificate(String secret, IssuedCertificate certificate) {
        client.resource(new SecretBuilder().withNewMetadata().withName(secret).withNamespace(CrossplaneCore.NAMESPACE)
                .endMetadata().withType("kubernetes.io/tls")
                .addToStringData(Map.of("tls.crt", certificate.certificatePem(), "tls.key", certificate.keyPem(),
                        "ca.crt", certificate.caPem())).build()).forceConflicts().serverSideApply();
    }

    /**
     * The Secret for the revision's TLS server certificate: the one its spec names (core's Deployment runtime
     * sets it), else {@code <package>-tls-server}, the name core would give it.
     */
    @SuppressWarnings("unchecked")
    private static String tlsServerSecretName(GenericKubernetesResource revision) {
        Object spec = revision.getAdditionalProperties().get("spec");
        Object named = spec instanceof Map ? ((Map<String, Object>) spec).get("tlsServerSecretName") : null;
        return named != null ? named.toString()
                : revision.getMetadata().getLabels().get(PACKAGE_LABEL) + "-tls-server";
    }

    @SuppressWarnings("unchecked")
    private static boolean active(GenericKubernetesResource revision) {
        Object spec = revision.getAdditionalProperties().get("spec");
        return spec instanceof Map && "Active".equals(((Map<String, Object>) spec).get("desiredState"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource revision) {
        Object status = revision.getAdditionalProperties().get("status");
        return status instanceof Map ? new LinkedHashMap<>((Map<String, Object>) status) : new LinkedHashMap<>();
    }

    private static Map<String, Object> runtimeHealthy(String endpoint) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "RuntimeHealthy");
        condition.put("status", "True");
        condition.put("reason", "HealthyPackageRevision");
        condition.put("message", "runs outside the cluster (External package runtime)"
                + (endpoint == null ? "" : " at " + endpoint));
        condition.put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return condition;
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
