package io.dpuplane.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dpuplane status} on a real API server: a composite (a kind with Crossplane's
 * {@code spec.crossplane.resourceRefs}) whose composed DPUs are in different states.
 */
@QuarkusMainTest
class StatusCommandTest {

    private static final String NS = "status-test";
    private static Path kubeconfig;

    @BeforeAll
    static void aCompositeWithTwoDpusOneNotReady() throws Exception {
        TestControlPlane plane = TestControlPlanes.host();
        kubeconfig = plane.writeKubeconfig(Files.createTempDirectory("status").resolve("kubeconfig"));
        KubernetesClient client = plane.client();
        plane.installCrd(Serialization.unmarshal("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: fleets.example.dpuplane.io}
                spec:
                  group: example.dpuplane.io
                  names: {kind: Fleet, plural: fleets, singular: fleet}
                  scope: Namespaced
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    subresources: {status: {}}
                    schema:
                      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
                """, CustomResourceDefinition.class));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        for (String name : List.of("fleet-a", "fleet-b")) {
            client.resource(Serialization.unmarshal("""
                    apiVersion: provisioning.dpuplane.io/v1alpha1
                    kind: DPU
                    metadata: {name: %s, namespace: %s}
                    spec: {forProvider: {hostNode: h, pciAddress: "0000:03:00.0", bfbRef: {name: b},
                      flavorRef: {name: f}, dpuClusterRef: {name: c}}}
                    """.formatted(name, NS), GenericKubernetesResource.class)).create();
        }
        status(client, "provisioning.dpuplane.io/v1alpha1", "DPU", "fleet-a", "True", "Available", "");
        status(client, "provisioning.dpuplane.io/v1alpha1", "DPU", "fleet-b", "False", "Creating",
                "OSInstalling: 40% pushed");
        client.resource(Serialization.unmarshal("""
                apiVersion: example.dpuplane.io/v1
                kind: Fleet
                metadata: {name: fleet, namespace: %s}
                spec:
                  crossplane:
                    resourceRefs:
                    - {apiVersion: provisioning.dpuplane.io/v1alpha1, kind: DPU, name: fleet-a}
                    - {apiVersion: provisioning.dpuplane.io/v1alpha1, kind: DPU, name: fleet-b}
                    - {apiVersion: provisioning.dpuplane.io/v1alpha1, kind: DPU, name: fleet-gone}
                """.formatted(NS), GenericKubernetesResource.class)).create();
        status(client, "example.dpuplane.io/v1", "Fleet", "fleet", "False", "Creating", "1 of 3 DPUs Ready");
    }

    private static void status(KubernetesClient client, String apiVersion, String kind, String name, String ready,
            String reason, String message) {
        GenericKubernetesResource object = client.genericKubernetesResources(apiVersion, kind).inNamespace(NS)
                .withName(name).get();
        object.getAdditionalProperties().put("status", Map.of("conditions", List.of(
                Map.of("type", "Ready", "status", ready, "reason", reason, "message", message,
                        "lastTransitionTime", "2026-11-28T00:00:00Z"),
                Map.of("type", "Synced", "status", "True", "reason", "ReconcileSuccess",
                        "lastTransitionTime", "2026-11-28T00:00:00Z"))));
        client.genericKubernetesResources(apiVersion, kind).resource(object).updateStatus();
    }

    @Test
    void theTreeShowsEachComposedObjectWithItsConditionsAndWhyItIsNotReady(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("status", "fleet/fleet", "-n", NS, "--kubeconfig", kubeconfig.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(1);
        assertThat(result.getOutput().lines()).containsSubsequence(
                "OBJECT                                   READY  SYNCED MESSAGE",
                "Fleet/fleet                              False  True   Creating: 1 of 3 DPUs Ready",
                "├─ DPU/fleet-a                           True   True   ",
                "├─ DPU/fleet-b                           False  True   Creating: OSInstalling: 40% pushed",
                "└─ DPU/fleet-gone                        -      -      not found");
    }

    @Test
    void aKindTheServerDoesNotServeIsAClearError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("status", "gizmo/x", "--kubeconfig", kubeconfig.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("serves no kind called 'gizmo'");
    }
}
