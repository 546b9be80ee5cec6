package io.dpuplane.e2e.crossplane;

import io.dpuplane.testkit.apps.AppLauncher;
import io.dpuplane.testkit.apps.FreePort;
import io.dpuplane.testkit.apps.QuarkusApp;
import io.dpuplane.testkit.apps.Readiness;
import io.dpuplane.testkit.apps.RunningProcess;
import io.dpuplane.testkit.crossplane.CrossplaneCore;
import io.dpuplane.testkit.crossplane.OurPackage;
import io.dpuplane.testkit.crossplane.OurPackagesOnCrossplane;
import io.dpuplane.testkit.crossplane.PackageFile;
import io.dpuplane.testkit.http.LoopbackFileServer;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Crossplane as a platform team runs it, on one machine: real Crossplane core against the host control
 * plane (kube-controller-manager for garbage collection), our three packages built with the Crossplane CLI
 * and pulled by core from a loopback registry, function-dpuplane and provider-dpuplane running as processes
 * (the External package runtime), a DPU cluster, and emulated hosts with BlueFields and their agents.
 */
final class CrossplaneWorld implements AutoCloseable {

    static final String NS = "xp-fleet";
    static final String PROVIDER_CONFIG = "crossplane-e2e";
    static final String TAG = OurPackagesOnCrossplane.TAG;
    private static final Duration APP_START = Duration.ofSeconds(90);
    private static final Duration PACKAGE_HEALTHY = Duration.ofSeconds(120);

    final TestControlPlane hostCluster = TestControlPlanes.host();
    final TestControlPlane dpuCluster = TestControlPlanes.second();
    final KubernetesClient client = hostCluster.client();
    final Map<OurPackage, PackageFile> packages = new EnumMap<>(OurPackage.class);
    CrossplaneCore core;
    OurPackagesOnCrossplane crossplane;
    EmulatedFleet fleet;
    final LoopbackFileServer bfbSource = new LoopbackFileServer();
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Starts it all; what started is stopped again when a later part fails. */
    static CrossplaneWorld start(Path dir, int hosts, int dpusPerHost) throws Exception {
        CrossplaneWorld world = new CrossplaneWorld();
        try {
            world.setUp(dir, hosts, dpusPerHost);
            return world;
        } catch (Exception | Error e) {
            world.close();
            throw e;
        }
    }

    private CrossplaneWorld() {
    }

    private void setUp(Path dir, int hosts, int dpusPerHost) throws Exception {
        TestControlPlanes.controllers(hostCluster);
        resources.add(bfbSource);
        namespace(NS);
        namespace(CrossplaneCore.NAMESPACE);
        TestCertificateAuthority ca = TestCertificateAuthority.create("dpuplane-e2e");

        int providerPort = FreePort.pick();
        own(startProvider(dir, providerPort));
        // The provider issues the agents' certificate and its own client certificate (its default): the agents
        // serve what it wrote, as the agent chart mounts that Secret, and the ProviderConfig names no Secret.
        fleet = own(new EmulatedFleet(client, NS, mountAgentSecret(dir.resolve("agent-tls")), dir.resolve("fleet"),
                hosts, dpusPerHost));
        providerConfig(dir.resolve("bfb-cache"), "http://127.0.0.1:" + providerPort);
        long started = System.nanoTime();
        crossplane = own(OurPackagesOnCrossplane.start(hostCluster, ca, dir, PACKAGE_HEALTHY,
                step -> say(step, started)));
        core = crossplane.core();
        packages.putAll(crossplane.packages());
    }

    private static void say(String what, long sinceNanos) {
        System.out.printf("[e2e] %s in %d ms%n", what, Duration.ofNanos(System.nanoTime() - sinceNanos).toMillis());
    }

    private RunningProcess startProvider(Path dir, int httpPort) {
        return AppLauncher.of(QuarkusApp.PROVIDER)
                .env("KUBECONFIG", hostCluster.writeKubeconfig(dir.resolve("provider-kubeconfig")).toString())
                .property("quarkus.http.port", Integer.toString(httpPort))
                .property("quarkus.http.host", "127.0.0.1")
                .property("dpuplane.provider.inventory-namespace", NS)
                .property("dpuplane.provider.poll-interval", "5s")
                .property("dpuplane.provider.agent-certificates.mode", "provider")
                .property("dpuplane.provider.bfb-registry-url", "http://127.0.0.1:" + httpPort)
                .logTo(dir.resolve("provider.log"))
                .readyWhen(Readiness.httpOk(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")))
                .start(APP_START);
    }

    /** The agents' Secret, once the provider has issued it, as the files a Secret volume holds. */
    private Path mountAgentSecret(Path dir) throws java.io.IOException {
        Secret secret = Awaitility.await("the provider issues Secret " + NS + "/dpuplane-agent-tls")
                .atMost(APP_START).pollInterval(Duration.ofMillis(200))
                .until(() -> client.secrets().inNamespace(NS).withName("dpuplane-agent-tls").get(), s -> s != null);
        Files.createDirectories(dir);
        for (String file : List.of("tls.crt", "tls.key", "ca.crt")) {
            Files.write(dir.resolve(file), Base64.getDecoder().decode(secret.getData().get(file)));
        }
        return dir;
    }

    private void providerConfig(Path cache, String registryUrl) throws Exception {
        Files.createDirectories(cache);
        apply("""
                apiVersion: dpuplane.io/v1alpha1
                kind: ClusterProviderConfig
                metadata: {name: %s}
                spec:
                  agent: {}
                  bfbCache: {directory: "%s", registryURL: "%s"}
                """.formatted(PROVIDER_CONFIG, cache, registryUrl));
    }

    /** Applies one object from YAML (server-side apply, forcing conflicts). */
    void apply(String yaml) {
        client.resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).forceConflicts()
                .serverSideApply();
    }

    private void namespace(String name) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .serverSideApply();
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.add(0, resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }
}
