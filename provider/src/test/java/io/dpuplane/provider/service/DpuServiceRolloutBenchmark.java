package io.dpuplane.provider.service;

import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.svc.v1alpha1.DPUService;
import io.dpuplane.provider.DefaultProviderConfig;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.managed.GlobalRateLimiter;
import io.dpuplane.runtime.managed.ManagedControllers;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.dpuplane.runtime.managed.PollSchedule;
import io.dpuplane.runtime.providerconfig.ProviderConfigControllers;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Benchmark, not a test: the time to roll one DPUService (a DaemonSet chart from a loopback repository,
 * Helm backend) out to 100 DPU nodes across 2 DPU clusters, from creating the DPUService to Ready (every
 * pod Running and Ready, as the pod-lifecycle emulation reports them), and then to roll a values change
 * (revision 2, every pod replaced). Each DPU cluster is a real API server with its controller-manager and
 * scheduler. Run: {@code mvn -pl provider test-compile exec:exec -Dexec.executable=java
 * "-Dexec.args=-cp %classpath io.dpuplane.provider.service.DpuServiceRolloutBenchmark"}; options
 * {@code -Dbench.nodes=100 -Dbench.clusters=2}.
 */
public final class DpuServiceRolloutBenchmark {

    private DpuServiceRolloutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodeCount = Integer.getInteger("bench.nodes", 100);
        int clusterCount = Integer.getInteger("bench.clusters", 2);
        long setupStart = System.nanoTime();
        KubernetesClient host = TestControlPlanes.host().client();
        String ns = "bench-services";
        host.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        DefaultProviderConfig.ensureDefaultClusterProviderConfig(host);
        List<TestControlPlane> planes = new ArrayList<>();
        List<EmulatedDpuNodes> nodes = new ArrayList<>();
        for (int c = 0; c < clusterCount; c++) {
            TestControlPlane plane = c == 0 ? TestControlPlanes.second() : TestControlPlane.start("dpu-" + c);
            planes.add(plane);
            TestControlPlanes.controllers(plane);
            int from = c * nodeCount / clusterCount;
            int to = (c + 1) * nodeCount / clusterCount;
            nodes.add(new EmulatedDpuNodes(plane.client(), IntStream.range(from, to)
                    .mapToObj(i -> String.format(Locale.ROOT, "bench-dpu-%03d", i)).toList(), Map.of("bench", "dpu")));
            String cluster = "dpus-" + c;
            host.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(cluster)
                    .endMetadata().addToData("kubeconfig", Base64.getEncoder().encodeToString(
                            plane.kubeconfigYaml().getBytes(StandardCharsets.UTF_8))).build()).create();
            host.resource(Serialization.unmarshal("""
                    apiVersion: provisioning.dpuplane.io/v1alpha1
                    kind: DPUCluster
                    metadata: {name: %s, namespace: %s, labels: {bench: dpu}}
                    spec: {forProvider: {type: static, kubeconfigSecretRef: {name: %s}}}
                    """.formatted(cluster, ns, cluster), io.dpuplane.apis.provisioning.v1alpha1.DPUCluster.class))
                    .create();
        }
        ChartRepositoryOnLoopback charts = new ChartRepositoryOnLoopback("1.0.0");
        ManagedReconcilerOptions options = ManagedReconcilerOptions.defaults(new GlobalRateLimiter(100))
                .withPoll(new PollSchedule(Duration.ofSeconds(30), Duration.ofSeconds(1), 0.1));
        Operator operator = new Operator(o -> o.withKubernetesClient(host).withCloseClientOnStop(false)
                .withConcurrentReconciliationThreads(4));
        ManagedControllers.register(operator, new DpuServiceController(host, options), "DPUService");
        ProviderConfigControllers.register(operator, host, Duration.ofSeconds(30), "");
        operator.start();
        System.out.printf(Locale.ROOT, "setup: %d DPU clusters, %d emulated DPU nodes in %.1f s%n", clusterCount,
                nodeCount, (System.nanoTime() - setupStart) / 1e9);

        long start = System.nanoTime();
        host.resource(Serialization.unmarshal("""
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUService
                metadata: {name: telemetry, namespace: %s}
                spec:
                  forProvider:
                    source: {repoURL: "%s"}
                    chart: doca-telemetry
                    version: "1.0.0"
                    clusters: {selector: {matchLabels: {bench: dpu}}}
                    nodeSelector: {bench: dpu}
                    values: {logLevel: info}
                """.formatted(ns, charts.url()), DPUService.class)).create();
        double installed = awaitReady(host, ns, start, "install");

        long upgradeStart = System.nanoTime();
        host.resources(DPUService.class).inNamespace(ns).withName("telemetry").edit(s -> {
            var p = s.getSpec().getForProvider();
            s.getSpec().setForProvider(new io.dpuplane.apis.svc.v1alpha1.DPUServiceParameters(p.source(), p.chart(),
                    p.version(), Map.of("logLevel", "debug"), null, p.clusters(), p.nodeSelector(), null, p.backend()));
            return s;
        });
        awaitRevision(host, ns, 2);
        double podsReplaced = awaitPodsRunning(planes, ns, nodeCount, "debug", upgradeStart);
        double upgraded = awaitReady(host, ns, upgradeStart, "upgrade");

        System.out.printf(Locale.ROOT, "%nDPUService rollout benchmark: 1 service, %d DPU nodes, %d DPU clusters%n",
                nodeCount, clusterCount);
        System.out.printf(Locale.ROOT, "  install to Ready (every pod Running and Ready)   %.1f s%n", installed);
        System.out.printf(Locale.ROOT, "  values change: every pod replaced, Running, Ready %.1f s%n", podsReplaced);
        System.out.printf(Locale.ROOT, "  values change: DPUService Ready again            %.1f s (poll every %d s)%n", upgraded,
                options.poll().interval().toSeconds());
        operator.stop();
        nodes.forEach(EmulatedDpuNodes::close);
        charts.close();
        System.exit(0);
    }

    private static double awaitReady(KubernetesClient host, String ns, long start, String phase) {
        await(phase + ": the DPUService Ready").atMost(Duration.ofSeconds(600)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    DPUService service = host.resources(DPUService.class).inNamespace(ns).withName("telemetry").get();
                    var ready = service.getStatus() == null ? null
                            : Conditions.find(service.getStatus().getConditions(), Conditions.READY).orElse(null);
                    if (ready != null && "True".equals(ready.getStatus())) {
                        return true;
                    }
                    System.out.printf(Locale.ROOT, "  %s %5.1fs  %s%n", phase, (System.nanoTime() - start) / 1e9,
                            ready == null ? "no Ready yet" : ready.getMessage());
                    return false;
                });
        return (System.nanoTime() - start) / 1e9;
    }

    /** Waits until every DPU node runs a Ready pod of the release with the given LOG_LEVEL. */
    private static double awaitPodsRunning(List<TestControlPlane> planes, String ns, int nodeCount, String logLevel,
            long start) {
        await("pods with LOG_LEVEL " + logLevel + " all running").atMost(Duration.ofSeconds(600))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
                    long ready = 0;
                    for (TestControlPlane plane : planes) {
                        ready += plane.client().pods().inNamespace(ns).withLabel("app", "telemetry").list().getItems()
                                .stream()
                                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                                .filter(p -> "Running".equals(p.getStatus().getPhase()))
                                .filter(p -> p.getSpec().getContainers().get(0).getEnv().stream()
                                        .anyMatch(e -> logLevel.equals(e.getValue())))
                                .count();
                    }
                    return ready >= nodeCount;
                });
        return (System.nanoTime() - start) / 1e9;
    }

    private static void awaitRevision(KubernetesClient host, String ns, int revision) {
        await("revision " + revision + " in every cluster").atMost(Duration.ofSeconds(300)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    DPUService service = host.resources(DPUService.class).inNamespace(ns).withName("telemetry").get();
                    return service.getStatus() != null && service.getStatus().getAtProvider() != null
                            && service.getStatus().getAtProvider().getClusters().stream()
                                    .allMatch(c -> c.revision() != null && c.revision() >= revision);
                });
    }
}
