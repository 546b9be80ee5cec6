package io.dpuplane.provider.service;

import io.dpuplane.apis.svc.v1alpha1.DPUService;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceParameters;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ArgoCD objects a DPUService owns in the ArgoCD namespace, shaped as DPF makes them: per DPU cluster
 * a cluster Secret (server and TLS client config from the DPUCluster's kubeconfig) and an Application
 * {@code <cluster>-<service>} releasing the chart with the merged values (automated sync, prune,
 * self-heal, cascade delete), and one AppProject allowing exactly those clusters.
 */
final class ArgoCdObjects {

    static final String API_VERSION = "argoproj.io/v1alpha1";
    static final String SERVICE_NAMESPACE_LABEL = "svc.dpuplane.io/dpuservice-namespace";
    static final String SERVICE_NAME_LABEL = "svc.dpuplane.io/dpuservice-name";
    static final String CLUSTER_LABEL = "svc.dpuplane.io/cluster";
    static final String CASCADE_FINALIZER = "resources-finalizer.argocd.argoproj.io";

    private ArgoCdObjects() {
    }

    static Map<String, String> serviceLabels(DPUService service) {
        return Map.of(SERVICE_NAMESPACE_LABEL, service.getMetadata().getNamespace(),
                SERVICE_NAME_LABEL, service.getMetadata().getName());
    }

    static String clusterSecretName(String hostNamespace, String cluster) {
        return hostNamespace + "-" + cluster;
    }

    static String applicationName(String cluster, DPUService service) {
        return cluster + "-" + service.getMetadata().getName();
    }

    static String projectName(DPUService service) {
        return "dpuservice-" + service.getMetadata().getNamespace() + "-" + service.getMetadata().getName();
    }

    /** ArgoCD's declarative cluster Secret for a DPU cluster, from its kubeconfig. */
    static Secret clusterSecret(String argoNamespace, String hostNamespace, String cluster, String kubeconfig) {
        Config config = Config.fromKubeconfig(kubeconfig);
        Map<String, Object> tls = new LinkedHashMap<>();
        putPem(tls, "caData", config.getCaCertData(), config.getCaCertFile());
        putPem(tls, "certData", config.getClientCertData(), config.getClientCertFile());
        putPem(tls, "keyData", config.getClientKeyData(), config.getClientKeyFile());
        Map<String, Object> argoConfig = new LinkedHashMap<>();
        argoConfig.put("tlsClientConfig", tls);
        if (config.getOauthToken() != null) {
            argoConfig.put("bearerToken", config.getOauthToken());
        }
        String name = clusterSecretName(hostNamespace, cluster);
        try {
            return new SecretBuilder().withNewMetadata().withName(name).withNamespace(argoNamespace)
                    .withLabels(Map.of("argocd.argoproj.io/secret-type", "cluster", CLUSTER_LABEL, cluster,
                            SERVICE_NAMESPACE_LABEL, hostNamespace))
                    .endMetadata().withType("Opaque")
                    .withStringData(Map.of("name", name, "server", config.getMasterUrl().replaceAll("/+$", ""),
                            "config", ServiceValues.CANONICAL.writeValueAsString(argoConfig)))
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putPem(Map<String, Object> tls, String key, String data, String file) {
        if (data != null) {
            tls.put(key, data);
        } else if (file != null) {
            try {
                // ArgoCD needs the PEM inline: a kubeconfig naming a file is read here.
                tls.put(key, Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(file))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + " named by a DPU cluster kubeconfig", e);
            }
        }
    }

    static GenericKubernetesResource project(String argoNamespace, DPUService service, List<String> clusterSecrets) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("description", "DPUService " + service.getMetadata().getNamespace() + "/"
                + service.getMetadata().getName());
        spec.put("sourceRepos", List.of("*"));
        spec.put("destinations", clusterSecrets.stream().map(c -> Map.of("name", c, "namespace", "*")).toList());
        spec.put("clusterResourceWhitelist", List.of(Map.of("group", "*", "kind", "*")));
        return new GenericKubernetesResourceBuilder().withApiVersion(API_VERSION).withKind("AppProject")
                .withNewMetadata().withName(projectName(service)).withNamespace(argoNamespace)
                .withLabels(serviceLabels(service)).endMetadata()
                .withAdditionalProperties(Map.of("spec", spec)).build();
    }

    static GenericKubernetesResource application(String argoNamespace, DPUService service, String cluster,
            DesiredRelease release) {
        DPUServiceParameters p = service.getSpec().getForProvider();
        Map<String, Object> helm = new LinkedHashMap<>();
        helm.put("releaseName", release.name());
        helm.put("valuesObject", release.values());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("repoURL", p.source().repoURL() != null ? p.source().repoURL()
                : p.source().oci().replaceFirst("^oci://", ""));
        source.put("chart", p.chart());
        source.put("targetRevision", p.version());
        source.put("helm", helm);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", projectName(service));
        spec.put("source", source);
        spec.put("destination", Map.of("name", clusterSecretName(service.getMetadata().getNamespace(), cluster),
                "namespace", release.namespace()));
        spec.put("syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true),
                "syncOptions", List.of("CreateNamespace=true")));
        Map<String, String> labels = new LinkedHashMap<>(serviceLabels(service));
        labels.put(CLUSTER_LABEL, cluster);
        return new GenericKubernetesResourceBuilder().withApiVersion(API_VERSION).withKind("Application")
                .withNewMetadata().withName(applicationName(cluster, service)).withNamespace(argoNamespace)
                .withLabels(labels).withFinalizers(CASCADE_FINALIZER).endMetadata()
                .withAdditionalProperties(Map.of("spec", spec)).build();
    }
}
