package io.dpuplane.e2e.crossplane;

import static io.dpuplane.e2e.crossplane.CrossplaneWorld.NS;
import static io.dpuplane.e2e.crossplane.CrossplaneWorld.PROVIDER_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUPhase;
import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootStreamWriter;
import io.dpuplane.testkit.crossplane.OurPackage;
import io.dpuplane.testkit.crossplane.PackageConditions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Crossplane core installs our packages and composes a DPUSet by calling our function; our provider,
 * running as Crossplane would run it, provisions every composed DPU on emulated BlueFields.
 */
class CrossplaneCoreComposesDpuSetTest {

    private static final int HOSTS = 2;
    private static final int DPUS_PER_HOST = 2;
    private static final int CARDS = HOSTS * DPUS_PER_HOST;
    private static final Duration READY_WAIT = Duration.ofMinutes(4);
    private static CrossplaneWorld world;

    @BeforeAll
    static void start() throws Exception {
        long started = System.nanoTime();
        world = CrossplaneWorld.start(Files.createTempDirectory("crossplane-e2e"), HOSTS, DPUS_PER_HOST);
        System.out.printf("[e2e] Crossplane core %s with our packages installed and Healthy in %d ms%n",
                world.core.version(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        world.packages.values().forEach(file -> System.out.println("[e2e] package " + file));
        managedResourcesTheSetNeeds();
    }

    @AfterAll
    static void stop() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    private static void managedResourcesTheSetNeeds() throws Exception {
        byte[] image = bfb();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        String url = world.bfbSource.serve("/images/bf-bundle-2.9.1.bfb", image);
        String providerConfig = "providerConfigRef: {kind: ClusterProviderConfig, name: %s}".formatted(PROVIDER_CONFIG);
        world.apply("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: BFB
                metadata: {name: bf-bundle-2.9.1, namespace: %s}
                spec:
                  %s
                  forProvider: {url: "%s", sha256: "%s"}
                """.formatted(NS, providerConfig, url, sha));
        world.apply("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUFlavor
                metadata: {name: standard, namespace: %s}
                spec:
                  %s
                  forProvider: {grub: {kernelParameters: [hugepages=3072]}}
                """.formatted(NS, providerConfig));
        world.client.resource(new SecretBuilder().withNewMetadata().withName("edge-kubeconfig").withNamespace(NS)
                .endMetadata().addToStringData("kubeconfig", world.dpuCluster.kubeconfigYaml()).build())
                .serverSideApply();
        world.apply("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUCluster
                metadata: {name: edge, namespace: %s}
                spec:
                  %s
                  forProvider: {type: static, kubeconfigSecretRef: {name: edge-kubeconfig}}
                """.formatted(NS, providerConfig));
    }

    private static byte[] bfb() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BootStreamWriter.create().image(2, 4096).versions(new BfbVersions("v2.2", "4.9.1-12", "4.9.1", "2.9.1"))
                .image(62, 1 << 20).writeTo(out);
        return out.toByteArray();
    }

    @Test
    void coreComposesADpuSetThroughOurFunctionIntoOneDpuPerCardAndDeletingTheSetDeletesThem() {
        Resource<GenericKubernetesResource> set = dpuSet("composed");

        await("one composed DPU per card, counted in the set's status").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250)).failFast("Crossplane core stopped", () -> !world.core.isRunning())
                .until(() -> composedDpus("composed").size() == CARDS
                        && Integer.valueOf(CARDS).equals(status(set.get()).get("desired")));
        assertThat(composedDpus("composed")).allSatisfy(dpu -> {
            assertThat(dpu.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("DPUSet"))
                    .satisfies(owner -> assertThat(owner.getName()).isEqualTo("composed"));
            assertThat(dpu.getSpec().getForProvider().bfbRef().name()).isEqualTo("bf-bundle-2.9.1");
            assertThat(dpu.getSpec().getForProvider().dpuClusterRef().name()).isEqualTo("edge");
        });
        assertThat(composedDpus("composed")).extracting(dpu -> dpu.getSpec().getForProvider().hostNode())
                .containsOnly("xp-host-0", "xp-host-1");

        set.delete();
        await("the set and its DPUs deleted").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> composedDpus("composed").isEmpty() && set.get() == null);
    }

    @Test
    void aDpuSetIsReadyOnceOurProviderProvisionedEveryComposedDpuAndDeletingItDeletesThem() {
        Resource<GenericKubernetesResource> set = dpuSet("edge");
        long created = System.nanoTime();

        await("the DPUSet Ready").atMost(READY_WAIT).pollInterval(Duration.ofMillis(250))
                .failFast("Crossplane core stopped", () -> !world.core.isRunning())
                .until(() -> PackageConditions.isTrue(set.get(), "Ready"));
        System.out.printf("[e2e] DPUSet of %d DPUs Ready %d ms after it was created%n", CARDS,
                Duration.ofNanos(System.nanoTime() - created).toMillis());
        assertThat(composedDpus("edge")).hasSize(CARDS)
                .allSatisfy(dpu -> assertThat(dpu.getStatus().getAtProvider().getPhase()).isEqualTo(DPUPhase.READY));
        assertThat(status(set.get())).containsEntry("desired", CARDS).containsEntry("ready", CARDS);
        assertThat(world.dpuCluster.client().nodes().withLabel("node-role.dpuplane.io/edge").list().getItems())
                .hasSize(CARDS);

        set.delete();
        await("the set and its DPUs deleted").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> composedDpus("edge").isEmpty() && set.get() == null);
    }

    /** A DPUSet selecting every BlueField-3 of the fleet. */
    private static Resource<GenericKubernetesResource> dpuSet(String name) {
        world.apply("""
                apiVersion: platform.dpuplane.io/v1alpha1
                kind: DPUSet
                metadata: {name: %s, namespace: %s}
                spec:
                  dpuSelector: {models: [BlueField-3]}
                  bfbRef: {name: bf-bundle-2.9.1}
                  flavorRef: {name: standard}
                  dpuClusterRef: {name: edge}
                  providerConfigRef: {kind: ClusterProviderConfig, name: %s}
                  nodeEffect: {label: {key: dpuplane.io/provisioning, value: "true"}}
                  rollingUpdate: {maxUnavailable: %d}
                  clusterNodeLabels: {node-role.dpuplane.io/edge: ""}
                """.formatted(name, NS, PROVIDER_CONFIG, CARDS));
        return world.client.genericKubernetesResources("platform.dpuplane.io/v1alpha1", "DPUSet").inNamespace(NS)
                .withName(name);
    }

    @Test
    void ourPackagesInstallAsCrossplaneInstallsThem() {
        var mrds = world.client.genericKubernetesResources("apiextensions.crossplane.io/v1alpha1",
                "ManagedResourceDefinition");
        assertThat(mrds.withName("dpus.provisioning.dpuplane.io").get()).as("a managed resource gets an MRD")
                .isNotNull();
        assertThat(mrds.withName("providerconfigs.dpuplane.io").get()).as("a ProviderConfig kind stays a CRD")
                .isNull();
        assertThat(mrds.withName("serviceinterfaces.sfc.dpuplane.io").get())
                .as("DPU-cluster kinds are not in the provider package").isNull();
        assertThat(world.client.apiextensions().v1().customResourceDefinitions()
                .withName("clusterproviderconfigs.dpuplane.io").get().getMetadata().getOwnerReferences())
                .extracting(OwnerReference::getKind).contains("ProviderRevision");

        GenericKubernetesResource function = world.client.genericKubernetesResources("pkg.crossplane.io/v1",
                "FunctionRevision").withLabel("pkg.crossplane.io/package", OurPackage.FUNCTION.packageName())
                .list().getItems().get(0);
        assertThat(status(function).get("endpoint").toString()).startsWith("dns:///localhost:");
        assertThat(world.client.genericKubernetesResources("apiextensions.crossplane.io/v2",
                "CompositeResourceDefinition").withName("dpusets.platform.dpuplane.io").get().getMetadata()
                .getOwnerReferences()).extracting(OwnerReference::getKind).contains("ConfigurationRevision");
    }

    private static List<DPU> composedDpus(String set) {
        return world.client.resources(DPU.class).inNamespace(NS).withLabel("crossplane.io/composite", set).list()
                .getItems();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource object) {
        return (Map<String, Object>) object.getAdditionalProperties().getOrDefault("status", Map.of());
    }
}
