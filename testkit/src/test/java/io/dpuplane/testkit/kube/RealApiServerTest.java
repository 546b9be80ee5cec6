package io.dpuplane.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proves the fixture is a real kube-apiserver + etcd, with the project's generated CRDs and CEL served. */
@WithKubeApiServer
class RealApiServerTest {

    private static GenericKubernetesResource bfb(String name, String url) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("provisioning.dpuplane.io/v1alpha1").withKind("BFB")
                .withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .addToAdditionalProperties("spec", Map.of("forProvider", Map.of("url", url)))
                .build();
    }

    @Test
    void serverReportsThePinnedKubernetesVersionAndPersistsObjects(KubernetesClient client) {
        assertThat(client.getKubernetesVersion().getGitVersion())
                .isEqualTo("v" + io.dpuplane.testkit.ProjectLayout.testenvVersion("K8S_VERSION"));
        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("persisted").endMetadata().addToData("k", "v").build()).create();
        assertThat(client.configMaps().inNamespace("default").withName("persisted").get().getData())
                .containsEntry("k", "v");
    }

    @Test
    void celRuleOfAGeneratedCrdRejectsABadObjectWithTheServersOwnMessage(KubernetesClient client) {
        assertThatThrownBy(() -> client.resource(bfb("ftp-bfb", "ftp://images.example/bf.bfb")).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.forProvider.url")
                .hasMessageContaining("url must be an http:// or https:// URL");
    }

    @Test
    void generatedCrdAcceptsAGoodObjectAndAppliesCrossplaneDefaults(KubernetesClient client) {
        GenericKubernetesResource created = client.resource(bfb("good-bfb", "https://images.example/bf.bfb")).create();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) created.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("providerConfigRef", Map.of("kind", "ClusterProviderConfig", "name", "default"));
        assertThat(spec.get("managementPolicies")).isEqualTo(java.util.List.of("*"));
    }

    @Test
    void secondControlPlaneIsIndependentOfTheHostOne(KubernetesClient host, @SecondControlPlane KubernetesClient second) {
        host.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("only-on-host").endMetadata()
                .build()).create();
        assertThat(host.getMasterUrl()).isNotEqualTo(second.getMasterUrl());
        assertThat(second.namespaces().withName("only-on-host").get()).isNull();
        assertThat(second.namespaces().withName("default").get()).isNotNull();
    }
}
