package io.dpuplane.provider.service;

import static io.dpuplane.provider.service.ServiceBed.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.runtime.Conditions;
import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.dpuplane.provider.RealApiServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DPUService with the ArgoCD backend, the real ArgoCD CRDs installed in the host API server: the
 * Application, AppProject and cluster Secret are accepted as written, and the Application's sync and
 * health, written by the test playing ArgoCD, become the DPUService's Ready condition.
 */
@QuarkusTest
@QuarkusTestResource(RealApiServerResource.class)
class DpuServiceArgoCdTest {

    /** The ArgoCD release whose CRDs tools/testenv/argocd-crds.sh fetches. */
    private static final String ARGOCD_VERSION = "3.5.7";
    private static boolean crdsInstalled;

    private ServiceBed bed;

    @BeforeEach
    void argoCdCrdsAndADpuCluster() {
        installArgoCdCrds();
        bed = new ServiceBed();
    }

    @AfterEach
    void stopNodes() {
        bed.close();
    }

    private static synchronized void installArgoCdCrds() {
        if (crdsInstalled) {
            return;
        }
        Path dir = ProjectLayout.cacheDir().resolve("argocd-" + ARGOCD_VERSION).resolve("crds");
        if (!Files.isRegularFile(dir.resolve("application-crd.yaml"))) {
            throw new IllegalStateException("the ArgoCD " + ARGOCD_VERSION + " CRDs are not in " + dir
                    + ": run tools/testenv/argocd-crds.sh (fetches them from the Go module proxy)");
        }
        TestControlPlanes.host().installCrd(dir.resolve("application-crd.yaml"));
        TestControlPlanes.host().installCrd(dir.resolve("appproject-crd.yaml"));
        var host = TestControlPlanes.host().client();
        if (host.namespaces().withName("argocd").get() == null) {
            host.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("argocd").endMetadata()
                    .build()).create();
        }
        crdsInstalled = true;
    }

    @Test
    void applicationSyncAndHealthBecomeTheServicesReadyCondition() {
        bed.service("argo", "1.0.0", "backend: ArgoCD\nvalues: {logLevel: debug}");
        String appName = bed.cluster + "-argo";

        await("the Application, its project and the cluster Secret").atMost(WAIT)
                .until(() -> application(appName) != null);
        GenericKubernetesResource app = application(appName);
        assertThat(app.getMetadata().getFinalizers()).containsExactly("resources-finalizer.argocd.argoproj.io");
        Map<String, Object> source = map(spec(app).get("source"));
        assertThat(source).containsEntry("repoURL", bed.charts.url()).containsEntry("chart", "doca-telemetry")
                .containsEntry("targetRevision", "1.0.0");
        assertThat(map(map(source.get("helm")).get("valuesObject")))
                .containsEntry("logLevel", "debug").containsEntry("nodeSelector", Map.of("test-run", bed.id));
        assertThat(map(spec(app).get("destination"))).containsEntry("name", bed.ns + "-" + bed.cluster)
                .containsEntry("namespace", bed.ns);
        GenericKubernetesResource project = bed.host.genericKubernetesResources(ArgoCdDelivery.PROJECTS)
                .inNamespace("argocd").withName(spec(app).get("project").toString()).get();
        assertThat(spec(project).get("destinations")).isEqualTo(List.of(Map.of("name", bed.ns + "-" + bed.cluster,
                "namespace", "*")));
        Secret clusterSecret = bed.host.secrets().inNamespace("argocd").withName(bed.ns + "-" + bed.cluster).get();
        assertThat(clusterSecret.getMetadata().getLabels()).containsEntry("argocd.argoproj.io/secret-type", "cluster");
        assertThat(decode(clusterSecret, "server"))
                .isEqualTo(Config.fromKubeconfig(bed.dpuPlane.kubeconfigYaml()).getMasterUrl().replaceAll("/+$", ""));
        assertThat(decode(clusterSecret, "config")).contains("\"caData\"").contains("\"certData\"");
        awaitNotReady("argo", "Application " + appName + " is not yet deployed");

        playArgoCd(appName, "OutOfSync", "Progressing");
        awaitNotReady("argo", "Application " + appName + " is not ready (Sync: OutOfSync, Health: Progressing)");

        playArgoCd(appName, "Synced", "Healthy");
        bed.awaitReady("argo");
        assertThat(bed.release("argo")).hasValueSatisfying(r -> {
            assertThat(r.syncStatus()).isEqualTo("Synced");
            assertThat(r.healthStatus()).isEqualTo("Healthy");
        });

        playArgoCd(appName, "Synced", "Degraded");
        awaitNotReady("argo", "(Sync: Synced, Health: Degraded)");

        bed.host.resources(io.dpuplane.apis.svc.v1alpha1.DPUService.class).inNamespace(bed.ns).withName("argo")
                .delete();
        await("ArgoCD asked to delete the Application").atMost(WAIT)
                .until(() -> application(appName).getMetadata().getDeletionTimestamp() != null);
        GenericKubernetesResource deleting = application(appName);
        deleting.getMetadata().setFinalizers(new ArrayList<>());
        applications().resource(deleting).update();
        await("DPUService and its project gone once ArgoCD deleted the Application").atMost(WAIT).untilAsserted(() -> {
            assertThat(bed.get("argo")).isNull();
            assertThat(bed.host.genericKubernetesResources(ArgoCdDelivery.PROJECTS).inNamespace("argocd")
                    .withName(project.getMetadata().getName()).get()).isNull();
        });
    }

    @Test
    void anApplicationEditedByHandIsPutBack() {
        bed.service("edited", "1.0.0", "backend: ArgoCD");
        String appName = bed.cluster + "-edited";
        await("the Application").atMost(WAIT).until(() -> application(appName) != null);

        GenericKubernetesResource app = application(appName);
        map(spec(app).get("source")).put("targetRevision", "1.1.0");
        applications().resource(app).update();

        await("targetRevision 1.0.0 again").atMost(WAIT).until(() ->
                "1.0.0".equals(map(spec(application(appName)).get("source")).get("targetRevision")));
    }

    private void playArgoCd(String appName, String sync, String health) {
        GenericKubernetesResource app = application(appName);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("sync", Map.of("status", sync));
        status.put("health", Map.of("status", health));
        app.getAdditionalProperties().put("status", status);
        applications().resource(app).update();
    }

    private void awaitNotReady(String name, String message) {
        await(name + " not Ready: " + message).atMost(WAIT).untilAsserted(() -> assertThat(
                bed.condition(name, Conditions.READY)).hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getMessage()).contains(message);
                }));
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> applications() {
        return bed.host.genericKubernetesResources(ArgoCdDelivery.APPLICATIONS).inNamespace("argocd");
    }

    private GenericKubernetesResource application(String name) {
        return applications().withName(name).get();
    }

    private static Map<String, Object> spec(GenericKubernetesResource object) {
        return map(object.getAdditionalProperties().get("spec"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
