package io.dpuplane.provider.service;

import static io.dpuplane.provider.service.ServiceBed.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import io.dpuplane.apis.svc.v1alpha1.DPUService;
import io.dpuplane.provider.RealApiServerResource;
import io.dpuplane.runtime.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DPUService with the Helm backend against a real DPU cluster (API server, controller-manager, scheduler)
 * whose DPU nodes run their pods through the agent's pod-lifecycle emulation, and a chart repository on
 * loopback: install, upgrade, uninstall, drift repair, and bad input.
 */
@QuarkusTest
@QuarkusTestResource(RealApiServerResource.class)
class DpuServiceHelmTest {

    private ServiceBed bed;

    @BeforeEach
    void dpuClusterWithTwoNodesAndAChartRepository() {
        bed = new ServiceBed();
    }

    @AfterEach
    void stopNodes() {
        bed.close();
    }

    @Test
    void aChartRunsOnEveryDpuNodeThenUpgradesOnAValuesChangeAndIsUninstalledOnDelete() {
        bed.service("telemetry", "1.0.0", "values: {logLevel: info}");

        bed.awaitReady("telemetry");
        assertThat(bed.pods("telemetry")).extracting(p -> p.getSpec().getNodeName())
                .containsExactlyInAnyOrderElementsOf(bed.nodes.names());
        assertThat(bed.pods("telemetry")).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
        assertThat(bed.release("telemetry")).hasValueSatisfying(r -> {
            assertThat(r.revision()).isEqualTo(1);
            assertThat(r.chartVersion()).isEqualTo("1.0.0");
            assertThat(r.workloadsReady()).isEqualTo(2);
            assertThat(r.workloadsDesired()).isEqualTo(2);
        });
        assertThat(bed.get("telemetry").getStatus().getAtProvider().getReadyClusters()).isEqualTo("1/1");

        bed.host.resources(DPUService.class).inNamespace(bed.ns).withName("telemetry").edit(s -> {
            s.getSpec().setForProvider(new io.dpuplane.apis.svc.v1alpha1.DPUServiceParameters(
                    s.getSpec().getForProvider().source(), s.getSpec().getForProvider().chart(), "1.1.0",
                    Map.of("logLevel", "debug"), null, s.getSpec().getForProvider().clusters(),
                    s.getSpec().getForProvider().nodeSelector(), null, s.getSpec().getForProvider().backend()));
            return s;
        });
        await("revision 2 with chart 1.1.0, every pod replaced with the new value").atMost(WAIT).untilAsserted(() -> {
            assertThat(bed.release("telemetry")).hasValueSatisfying(r -> {
                assertThat(r.revision()).isEqualTo(2);
                assertThat(r.chartVersion()).isEqualTo("1.1.0");
            });
            assertThat(bed.pods("telemetry")).hasSize(2).allSatisfy(p -> assertThat(logLevel(p)).isEqualTo("debug"));
        });
        bed.awaitReady("telemetry");

        bed.host.resources(DPUService.class).inNamespace(bed.ns).withName("telemetry").delete();
        await("DPUService gone and its release uninstalled").atMost(WAIT).untilAsserted(() -> {
            assertThat(bed.get("telemetry")).isNull();
            assertThat(bed.storedRevisions("telemetry")).isZero();
            assertThat(bed.dpu.apps().daemonSets().inNamespace(bed.ns).withName("telemetry").get()).isNull();
        });
    }

    @Test
    void aReleaseUninstalledByHandIsInstalledAgain() {
        bed.service("restored", "1.0.0", "");
        bed.awaitReady("restored");

        Helm.uninstall("restored").withNamespace(bed.ns).withKubeConfig(bed.dpuKubeconfig()).call();
        assertThat(bed.storedRevisions("restored")).isZero();

        await("the release installed again").atMost(WAIT).until(() -> bed.storedRevisions("restored") == 1);
        bed.awaitReady("restored");
        assertThat(bed.pods("restored")).hasSize(2);
    }

    @Test
    void aReleaseUpgradedByHandIsPutBack() {
        bed.service("pinned", "1.0.0", "values: {logLevel: info}");
        bed.awaitReady("pinned");

        Helm.upgrade(bed.charts.url() + "/" + ChartRepositoryOnLoopback.CHART + "-1.1.0.tgz").withName("pinned")
                .withNamespace(bed.ns).set("logLevel", "debug").withKubeConfig(bed.dpuKubeconfig()).call();

        await("revision 3 puts chart 1.0.0 and logLevel info back").atMost(WAIT).untilAsserted(() -> {
            assertThat(bed.release("pinned")).hasValueSatisfying(r -> {
                assertThat(r.revision()).isEqualTo(3);
                assertThat(r.chartVersion()).isEqualTo("1.0.0");
            });
            assertThat(bed.pods("pinned")).hasSize(2).allSatisfy(p -> assertThat(logLevel(p)).isEqualTo("info"));
        });
    }

    @Test
    void aChartVersionThatDoesNotExistIsReportedWithoutTouchingTheCluster() {
        bed.service("missing", "9.9.9", "");

        String synced = bed.awaitSyncError("missing");
        assertThat(synced).contains("chart " + bed.charts.url() + " chart doca-telemetry version 9.9.9 cannot be "
                + "released").contains("9.9.9 not found in the index of " + bed.charts.url());
        assertThat(bed.condition("missing", Conditions.READY)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getMessage()).contains("version 9.9.9 cannot be released");
        });
        await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events("missing"))
                .anySatisfy(e -> assertThat(e.getMessage()).contains("9.9.9")));
        assertThat(bed.storedRevisions("missing")).isZero();
    }

    @Test
    void valuesTheChartsSchemaRefusesAreReportedWithoutTouchingTheCluster() {
        bed.service("invalid", "1.0.0", "values: {logLevel: verbose}");

        String synced = bed.awaitSyncError("invalid");
        assertThat(synced).contains("values don't meet the specifications of the schema").contains("logLevel");
        assertThat(bed.condition("invalid", Conditions.READY)).hasValueSatisfying(c ->
                assertThat(c.getMessage()).contains("logLevel"));
        assertThat(bed.storedRevisions("invalid")).isZero();
    }

    @Test
    void valuesFromConfigMapsAndSecretsAreMergedUnderTheValuesObject() {
        bed.create("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: telemetry-defaults, namespace: %s}
                data:
                  values.yaml: |
                    logLevel: debug
                    image: registry.example/doca-telemetry:2.0
                """.formatted(bed.ns), io.fabric8.kubernetes.api.model.ConfigMap.class);
        bed.create("""
                apiVersion: v1
                kind: Secret
                metadata: {name: telemetry-secret, namespace: %s}
                stringData:
                  values.yaml: "image: registry.example/doca-telemetry:2.1"
                """.formatted(bed.ns), io.fabric8.kubernetes.api.model.Secret.class);
        bed.service("merged", "1.0.0", """
                valuesFrom:
                - {kind: ConfigMap, name: telemetry-defaults}
                - {kind: Secret, name: telemetry-secret}
                values: {logLevel: info}""");

        bed.awaitReady("merged");
        assertThat(bed.pods("merged")).hasSize(2).allSatisfy(p -> {
            assertThat(logLevel(p)).as("values wins").isEqualTo("info");
            assertThat(p.getSpec().getContainers().get(0).getImage()).as("the Secret wins over the ConfigMap")
                    .isEqualTo("registry.example/doca-telemetry:2.1");
        });
    }

    @Test
    void aChartPackagedInAConfigMapIsReleased() throws Exception {
        byte[] archive = java.nio.file.Files.readAllBytes(bed.charts.packaged("1.1.0"));
        bed.host.configMaps().inNamespace(bed.ns).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("telemetry-chart").endMetadata()
                .addToBinaryData("chart.tgz", java.util.Base64.getEncoder().encodeToString(archive)).build()).create();
        bed.create("""
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUService
                metadata: {name: packaged, namespace: %s}
                spec:
                  forProvider:
                    source: {configMapRef: {name: telemetry-chart}}
                    chart: doca-telemetry
                    clusters: {names: [%s]}
                    nodeSelector: {test-run: "%s"}
                """.formatted(bed.ns, bed.cluster, bed.id), DPUService.class);

        bed.awaitReady("packaged");
        assertThat(bed.release("packaged")).hasValueSatisfying(r -> assertThat(r.chartVersion()).isEqualTo("1.1.0"));
        assertThat(bed.pods("packaged")).hasSize(2);
    }

    private static String logLevel(Pod pod) {
        return pod.getSpec().getContainers().get(0).getEnv().stream().filter(e -> e.getName().equals("LOG_LEVEL"))
                .findFirst().orElseThrow().getValue();
    }

    private java.util.List<Event> events(String name) {
        return bed.host.v1().events().inNamespace(bed.ns).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }
}
