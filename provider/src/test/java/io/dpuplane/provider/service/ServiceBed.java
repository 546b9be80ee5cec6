package io.dpuplane.provider.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.provisioning.v1alpha1.DPUCluster;
import io.dpuplane.apis.svc.v1alpha1.ClusterRelease;
import io.dpuplane.apis.svc.v1alpha1.DPUService;
import io.dpuplane.provider.DefaultProviderConfig;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A namespace of the host cluster with a static DPUCluster pointing at the second real API server (the DPU
 * cluster, with its real controller-manager and scheduler running), two emulated DPU nodes there carrying
 * this run's label, and a chart repository on loopback with versions 1.0.0 and 1.1.0 of the chart.
 */
final class ServiceBed implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(90);

    final KubernetesClient host = TestControlPlanes.host().client();
    final TestControlPlane dpuPlane = TestControlPlanes.second();
    final KubernetesClient dpu = dpuPlane.client();
    final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    final String ns = "services-" + id;
    final String cluster = "dpus-" + id;
    final ChartRepositoryOnLoopback charts = new ChartRepositoryOnLoopback("1.0.0", "1.1.0");
    final EmulatedDpuNodes nodes;

    ServiceBed() {
        TestControlPlanes.controllers(dpuPlane);
        host.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        DefaultProviderConfig.ensureDefaultClusterProviderConfig(host);
        host.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(cluster + "-kubeconfig")
                .endMetadata().addToData("kubeconfig", Base64.getEncoder().encodeToString(
                        dpuPlane.kubeconfigYaml().getBytes(StandardCharsets.UTF_8))).build()).create();
        create("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUCluster
                metadata: {name: %s, namespace: %s}
                spec:
                  forProvider: {type: static, kubeconfigSecretRef: {name: %s-kubeconfig}}
                """.formatted(cluster, ns, cluster), DPUCluster.class);
        nodes = new EmulatedDpuNodes(dpu, List.of("dpu-a-" + id, "dpu-b-" + id), Map.of("test-run", id));
    }

    /** A Helm-backed DPUService of the loopback chart, with extra lines under forProvider. */
    DPUService service(String name, String version, String extraForProvider) {
        return create("""
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUService
                metadata: {name: %s, namespace: %s}
                spec:
                  forProvider:
                    source: {repoURL: "%s"}
                    chart: %s
                    version: "%s"
                    clusters: {names: [%s]}
                    nodeSelector: {test-run: "%s"}
                %s
                """.formatted(name, ns, charts.url(), ChartRepositoryOnLoopback.CHART, version, cluster, id,
                extraForProvider.indent(4)), DPUService.class);
    }

    <T extends HasMetadata> T create(String yaml, Class<T> type) {
        return host.resource(Serialization.unmarshal(yaml, type)).create();
    }

    DPUService get(String name) {
        return host.resources(DPUService.class).inNamespace(ns).withName(name).get();
    }

    Optional<Condition> condition(String name, String type) {
        DPUService service = get(name);
        return service == null || service.getStatus() == null ? Optional.empty()
                : Conditions.find(service.getStatus().getConditions(), type);
    }

    /** The service's report for this bed's cluster. */
    Optional<ClusterRelease> release(String name) {
        DPUService service = get(name);
        if (service == null || service.getStatus() == null || service.getStatus().getAtProvider() == null) {
            return Optional.empty();
        }
        return service.getStatus().getAtProvider().getClusters().stream().filter(c -> cluster.equals(c.cluster()))
                .findFirst();
    }

    void awaitReady(String name) {
        await(name + " Ready").atMost(WAIT).untilAsserted(() -> {
            if (!condition(name, Conditions.READY).map(c -> "True".equals(c.getStatus())).orElse(false)) {
                throw new AssertionError(name + " is not Ready; status: " + Serialization.asJson(get(name).getStatus()));
            }
        });
    }

    /** Waits for Synced=False and returns its message. */
    String awaitSyncError(String name) {
        await(name + " Synced=False").atMost(WAIT).untilAsserted(() -> assertThat(condition(name,
                Conditions.SYNCED)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False")));
        return condition(name, Conditions.SYNCED).orElseThrow().getMessage();
    }

    /** The pods of a release in the DPU cluster (the chart labels them app=<release>). */
    List<Pod> pods(String release) {
        return dpu.pods().inNamespace(ns).withLabel("app", release).list().getItems();
    }

    /** Helm's storage of a release in the DPU cluster: one Secret per revision. */
    int storedRevisions(String release) {
        return dpu.secrets().inNamespace(ns).withLabel("owner", "helm").withLabel("name", release).list().getItems()
                .size();
    }

    Path dpuKubeconfig() {
        try {
            return dpuPlane.writeKubeconfig(java.nio.file.Files.createTempDirectory("dpu").resolve("kubeconfig"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        nodes.close();
        charts.close();
    }
}
