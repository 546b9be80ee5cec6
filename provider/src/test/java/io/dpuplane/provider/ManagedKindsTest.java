package io.dpuplane.provider;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.svc.v1alpha1.DPUService;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every managed kind has a running controller; a resource that cannot be reconciled says why in Synced and the gauges. */
@QuarkusTest
@QuarkusTestResource(RealApiServerResource.class)
class ManagedKindsTest {

    private final KubernetesClient client = TestControlPlanes.host().client();

    @Test
    void everyGeneratedManagedResourceCrdHasAController() {
        List<String> managedKinds = client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                .filter(crd -> crd.getSpec().getNames().getCategories() != null
                        && crd.getSpec().getNames().getCategories().contains("managed"))
                .map(CustomResourceDefinition::getSpec).map(s -> s.getNames().getKind()).toList();
        assertThat(managedKinds).isNotEmpty();
        given().when().get("/q/health/live").then().statusCode(200);
        String registered = given().when().get("/q/health/live").then().extract()
                .path("checks.find { it.name == 'controllers' }.data.kinds");
        assertThat(List.of(registered.split(","))).containsExactlyInAnyOrderElementsOf(managedKinds);
    }

    @Test
    void aResourceThatCannotBeReconciledSaysWhyInSyncedAndTheGauges() {
        DefaultProviderConfig.ensureDefaultClusterProviderConfig(client);
        DPUService service = Serialization.unmarshal("""
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUService
                metadata: {name: doca-telemetry, namespace: default}
                spec:
                  forProvider:
                    source: {repoURL: "https://charts.example/doca"}
                    chart: doca-telemetry
                    version: 1.0.0
                    clusters: {names: [dpu-cluster]}
                """, DPUService.class);
        client.resource(service).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            DPUService current = client.resources(DPUService.class).inNamespace("default").withName("doca-telemetry").get();
            Optional<Condition> synced = current.getStatus() == null ? Optional.empty()
                    : Conditions.find(current.getStatus().getConditions(), Conditions.SYNCED);
            assertThat(synced).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getMessage()).contains("chart repository https://charts.example/doca cannot be read");
            });
        });
        given().when().get("/metrics").then().statusCode(200)
                .body(containsString("crossplane_managed_resource_exists{gvk=\"DPUService\"} 1.0"))
                .body(containsString("crossplane_managed_resource_synced{gvk=\"DPUService\"} 0.0"))
                .body(containsString("dpuplane_reconcile_total{kind=\"DPUService\",outcome=\"error\"}"));
    }
}
