package io.dpuplane.testkit.kube;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real kube-apiserver + etcd, started from the Go-built binaries through kube-api-test in offline
 * mode. Hands out fabric8 clients and installs CRDs, waiting until the server serves them.
 */
public final class TestControlPlane implements AutoCloseable {

    private static final Duration CRD_ESTABLISHED_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final KubeAPIServer server;
    private final String kubeconfigYaml;
    private final KubernetesClient client;

    private TestControlPlane(String name, KubeAPIServer server) {
        this.name = name;
        this.server = server;
        this.kubeconfigYaml = server.getKubeConfigYaml();
        this.client = newClient();
    }

    /** Starts a fresh control plane from the pinned binaries; fails loudly when they are missing. */
    public static TestControlPlane start(String name) {
        ControlPlaneBinaries binaries = ControlPlaneBinaries.pinned();
        KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(binaries.kubeApiTestDir().toString())
                .withApiServerVersion(binaries.kubernetesVersion())
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                // DPUs join a DPU cluster with short-lived bootstrap tokens, as kubeadm does.
                .withApiServerFlag("--enable-bootstrap-token-auth")
                .build());
        long started = System.nanoTime();
        server.start();
        System.out.printf("[testkit] control plane '%s' (kube-apiserver %s) ready in %d ms%n", name,
                binaries.kubernetesVersion(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new TestControlPlane(name, server);
    }

    public String name() {
        return name;
    }

    /** The shared client of this control plane; do not close it. */
    public KubernetesClient client() {
        return client;
    }

    /** A new client, for a test that needs its own (and closes it). */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();
    }

    /** An admin kubeconfig (client certificate in {@code system:masters}) for processes we start. */
    public String kubeconfigYaml() {
        return kubeconfigYaml;
    }

    /** Writes the admin kubeconfig to a file, for processes that read {@code KUBECONFIG}. */
    public Path writeKubeconfig(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, kubeconfigYaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Installs every CRD YAML in a directory (as the build generates them) and waits until each is served. */
    public List<CustomResourceDefinition> installCrds(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no generated CRDs at " + dir + ": build the apis module first (make build)");
        }
        List<CustomResourceDefinition> installed = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(TestControlPlane::isYaml).sorted().toList()) {
                installed.add(installCrd(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list CRDs in " + dir, e);
        }
        return installed;
    }

    /** Installs one CRD from a YAML file and waits until the server serves it. */
    public CustomResourceDefinition installCrd(Path file) {
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(file)) {
            crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRD " + file, e);
        }
        return installCrd(crd);
    }

    /** Installs (or updates) one CRD and waits until its {@code Established} condition is true. */
    public CustomResourceDefinition installCrd(CustomResourceDefinition crd) {
        crd.getMetadata().setResourceVersion(null);
        client.resource(crd).forceConflicts().serverSideApply();
        return client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                .waitUntilCondition(TestControlPlane::established, CRD_ESTABLISHED_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    @Override
    public void close() {
        client.close();
        server.stop();
    }
}
