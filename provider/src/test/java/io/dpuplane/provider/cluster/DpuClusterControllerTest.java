package io.dpuplane.provider.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.provisioning.v1alpha1.DPUCluster;
import io.dpuplane.apis.provisioning.v1alpha1.DPUFlavor;
import io.dpuplane.provider.RealApiServerResource;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DPUCluster (static) against a second real API server, and DPUFlavor rendering, through the provider. */
@QuarkusTest
@QuarkusTestResource(RealApiServerResource.class)
class DpuClusterControllerTest {

    private static final String NS = "clusters";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final KubernetesClient host = TestControlPlanes.host().client();

    @BeforeEach
    void namespace() {
        if (host.namespaces().withName(NS).get() == null) {
            host.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        }
        io.dpuplane.provider.DefaultProviderConfig.ensureDefaultClusterProviderConfig(host);
    }

    private void kubeconfigSecret(String name, String kubeconfig) {
        host.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .addToData("kubeconfig", Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)))
                .build()).serverSideApply();
    }

    private void cluster(String name, String secret) {
        host.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUCluster
                metadata: {name: %s, namespace: %s}
                spec:
                  writeConnectionSecretToRef: {name: %s-conn}
                  forProvider: {type: static, kubeconfigSecretRef: {name: %s}}
                """.formatted(name, NS, name, secret), DPUCluster.class)).create();
    }

    private Optional<Condition> ready(Class<? extends io.dpuplane.apis.crossplane.ManagedResource<?, ?>> kind, String name) {
        var resource = host.resources(kind).inNamespace(NS).withName(name).get();
        return resource == null || resource.getStatus() == null ? Optional.empty()
                : Conditions.find(resource.getStatus().getConditions(), Conditions.READY);
    }

    @Test
    void aReachableClusterIsReadyWithItsVersionAndPublishesItsKubeconfig() {
        kubeconfigSecret("dpu-cluster-kubeconfig", TestControlPlanes.second().kubeconfigYaml());
        cluster("dpu-cluster", "dpu-cluster-kubeconfig");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ready(DPUCluster.class, "dpu-cluster"))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True")));
        var at = host.resources(DPUCluster.class).inNamespace(NS).withName("dpu-cluster").get().getStatus().getAtProvider();
        assertThat(at.getKubernetesVersion()).startsWith("v1.");
        assertThat(at.getReachable()).isTrue();
        assertThat(at.getNodeCount()).isNotNull();
        var connection = host.secrets().inNamespace(NS).withName("dpu-cluster-conn").get();
        assertThat(new String(Base64.getDecoder().decode(connection.getData().get("kubeconfig")), StandardCharsets.UTF_8))
                .isEqualTo(TestControlPlanes.second().kubeconfigYaml());
        assertThat(connection.getData()).containsKey("endpoint");
    }

    @Test
    void anUnreachableClusterIsNotReadyAndSaysWhere() {
        String unreachable = TestControlPlanes.second().kubeconfigYaml().replaceAll("server: \"?https://127\\.0\\.0\\.1:\\d+\"?",
                "server: https://127.0.0.1:1");
        kubeconfigSecret("gone-kubeconfig", unreachable);
        cluster("gone", "gone-kubeconfig");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ready(DPUCluster.class, "gone")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getMessage()).startsWith("cannot reach the DPU cluster at https://127.0.0.1:1");
        }));
    }

    @Test
    void aMissingKubeconfigSecretIsNamed() {
        cluster("orphan", "no-such-secret");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ready(DPUCluster.class, "orphan")).hasValueSatisfying(
                c -> assertThat(c.getMessage()).isEqualTo("kubeconfig Secret " + NS + "/no-such-secret does not exist")));
    }

    @Test
    void aFlavorIsReadyWithItsRenderedSizeAndDigestOrSaysWhyNot() {
        host.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUFlavor
                metadata: {name: hbn, namespace: %s}
                spec:
                  forProvider:
                    grub: {kernelParameters: [hugepages=3072]}
                    bfcfgParameters: [UPDATE_ATF_UEFI=yes]
                """.formatted(NS), DPUFlavor.class)).create();
        await().atMost(WAIT).untilAsserted(() -> assertThat(ready(DPUFlavor.class, "hbn"))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True")));
        var at = host.resources(DPUFlavor.class).inNamespace(NS).withName("hbn").get().getStatus().getAtProvider();
        assertThat(at.renderedSizeBytes()).isPositive();
        assertThat(at.renderedSha256()).hasSize(64);

        host.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUFlavor
                metadata: {name: huge, namespace: %s}
                spec:
                  forProvider:
                    configFiles: [{path: /etc/big, content: "%s"}]
                """.formatted(NS, "x".repeat(140_000)), DPUFlavor.class)).create();
        await().atMost(WAIT).untilAsserted(() -> assertThat(ready(DPUFlavor.class, "huge")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getMessage()).contains("over the 131072-byte limit");
        }));
    }
}
