package io.dpuplane.runtime.managed;

import io.dpuplane.runtime.managed.widget.Widget;
import io.dpuplane.runtime.managed.widget.WidgetApi;
import io.dpuplane.runtime.managed.widget.WidgetReconciler;
import io.dpuplane.runtime.providerconfig.ProviderConfigControllers;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real API server with the Widget CRD, a default ClusterProviderConfig, and a controller engine running
 * the managed reconciler for Widgets in one namespace, against an in-memory {@link WidgetApi}.
 */
final class WidgetWorld implements AutoCloseable {

    final TestControlPlane plane;
    final KubernetesClient client;
    final WidgetApi api = new WidgetApi();
    final String namespace;
    private final Operator operator;

    private WidgetWorld(String namespace, ManagedReconcilerOptions options) {
        this.plane = TestControlPlanes.host();
        this.client = plane.client();
        this.namespace = namespace;
        installWidgetCrd(plane);
        if (client.namespaces().withName(namespace).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .create();
        }
        ensureClusterProviderConfig(client, "default");
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withConcurrentReconciliationThreads(8).withUseSSAToPatchPrimaryResource(true));
        operator.register(new WidgetReconciler(client, api, options), o -> o
                .withName("managed/widget-" + namespace)
                .settingNamespace(namespace)
                .withTriggerReconcilerOnAllEvents(true)
                .withGenerationAware(false)
                .withOnUpdateFilter(new DesiredStateChanged<>()));
        ProviderConfigControllers.register(operator, client, Duration.ofSeconds(1), "-" + namespace);
        operator.start();
    }

    static WidgetWorld start(String namespace, ManagedReconcilerOptions options) {
        return new WidgetWorld(namespace, options);
    }

    /** Options for tests: short polls, timeouts and backoff so behaviour shows within seconds. */
    static ManagedReconcilerOptions fastOptions(double maxReconcileRate) {
        return new ManagedReconcilerOptions(new PollSchedule(Duration.ofSeconds(1), Duration.ofMillis(500), 0.1),
                Duration.ofSeconds(2), Duration.ofSeconds(2), new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2)),
                new GlobalRateLimiter(maxReconcileRate), false, ManagedMetrics.NONE);
    }

    static void ensureClusterProviderConfig(KubernetesClient client, String name) {
        var configs = client.genericKubernetesResources("dpuplane.io/v1alpha1", "ClusterProviderConfig");
        if (configs.withName(name).get() == null) {
            configs.resource(new GenericKubernetesResourceBuilder()
                    .withApiVersion("dpuplane.io/v1alpha1").withKind("ClusterProviderConfig")
                    .withNewMetadata().withName(name).endMetadata()
                    .addToAdditionalProperties("spec", Map.of("agent",
                            Map.of("tlsSecretRef", Map.of("name", "agent-tls", "namespace", "crossplane-system"))))
                    .build()).create();
        }
    }

    private static synchronized void installWidgetCrd(TestControlPlane plane) {
        try {
            Path dir = Files.createTempDirectory("widget-crd");
            new CRDGenerator().inOutputDir(dir.toFile()).forCRDVersions("v1").customResourceClasses(Widget.class).generate();
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    plane.installCrd(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        operator.stop();
    }
}
