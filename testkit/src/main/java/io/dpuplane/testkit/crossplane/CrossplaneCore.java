package io.dpuplane.testkit.crossplane;

import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.apps.FreePort;
import io.dpuplane.testkit.apps.Readiness;
import io.dpuplane.testkit.apps.RunningProcess;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.os.Command;
import io.dpuplane.testkit.tls.IssuedCertificate;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real Crossplane core (Go-built by {@code tools/testenv}) running as a process against a
 * {@link TestControlPlane}, as far as a bare API server allows: {@code core init} installs Crossplane's CRDs,
 * lock and default policies, then {@code core start} runs every controller with webhooks off and the
 * {@code External} package runtime, so core installs packages but runs none of them (see
 * {@link ExternalRuntime}). Core dials composition functions with mutual TLS, presenting the client
 * certificate it is given and trusting that certificate's CA. Its log is {@code <workDir>/crossplane.log}.
 */
public final class CrossplaneCore implements AutoCloseable {

    public static final String NAMESPACE = "crossplane-system";
    private static final String SERVICE_ACCOUNT = "crossplane";
    private static final Duration INIT_TIMEOUT = Duration.ofMinutes(2);
    private static final int INIT_ATTEMPTS = 5;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String version;
    private final RunningProcess process;

    private CrossplaneCore(String version, RunningProcess process) {
        this.version = version;
        this.process = process;
    }

    /** Initialises and starts the pinned core against the control plane; fails with its log when it cannot. */
    public static CrossplaneCore start(TestControlPlane plane, IssuedCertificate clientCertificate, Path workDir) {
        String version = ProjectLayout.testenvVersion("CROSSPLANE_VERSION");
        Path dir = ProjectLayout.cacheDir().resolve("bin").resolve("crossplane-" + version);
        Path binary = dir.resolve("crossplane-core");
        if (!Files.isExecutable(binary) || !Files.isDirectory(dir.resolve("crds"))) {
            throw new IllegalStateException("Crossplane core " + version + " is missing at " + binary
                    + ": run `make testenv` (tools/testenv/build.sh builds it from Go modules)");
        }
        createNamespaceAndServiceAccount(plane.client());
        Path kubeconfig = plane.writeKubeconfig(workDir.resolve("kubeconfig"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("POD_NAMESPACE", NAMESPACE);
        env.put("POD_SERVICE_ACCOUNT", SERVICE_ACCOUNT);
        env.put("ENABLE_WEBHOOKS", "false");

        Map<String, String> init = new LinkedHashMap<>(env);
        init.put("CRDS_PATH", dir.resolve("crds").toString());
        init.put("TLS_CA_SECRET_NAME", "crossplane-root-ca");
        init.put("TLS_CLIENT_SECRET_NAME", "crossplane-tls-client");
        initialise(binary, init);

        int health = FreePort.pick();
        Map<String, String> start = new LinkedHashMap<>(env);
        start.put("PACKAGE_RUNTIME", "External");
        start.put("TLS_CLIENT_CERTS_DIR", clientCertificate.writeTo(workDir.resolve("tls-client")).toString());
        start.put("XPKG_CACHE_DIR", directory(workDir.resolve("xpkg-cache")).toString());
        start.put("XFN_CACHE_DIR", directory(workDir.resolve("xfn-cache")).toString());
        start.put("METRICS_PORT", Integer.toString(FreePort.pick()));
        start.put("HEALTH_PROBE_PORT", Integer.toString(health));
        RunningProcess process = RunningProcess.start("crossplane-core",
                List.of(binary.toString(), "core", "start", "--debug"), start, workDir.resolve("crossplane.log"))
                .awaitReady(Readiness.httpOk(URI.create("http://127.0.0.1:" + health + "/readyz")), START_TIMEOUT);
        return new CrossplaneCore(version, process);
    }

    /**
     * Runs {@code core init}, again when it fails: it applies Crossplane's CRDs and then objects of those kinds,
     * which the API server may not serve yet (in a cluster the init container is restarted the same way).
     */
    private static void initialise(Path binary, Map<String, String> env) {
        Command.Result result = null;
        for (int attempt = 1; attempt <= INIT_ATTEMPTS; attempt++) {
            result = Command.exec(List.of(binary.toString(), "core", "init"), env, INIT_TIMEOUT);
            if (result.succeeded()) {
                return;
            }
        }
        throw new IllegalStateException("`crossplane core init` failed " + INIT_ATTEMPTS + " times; last (exit "
                + result.exitCode() + "):\n" + result.stdout() + result.stderr());
    }

    private static void createNamespaceAndServiceAccount(KubernetesClient client) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .serverSideApply();
        // The package fetcher reads this ServiceAccount's pull secrets.
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName(SERVICE_ACCOUNT).withNamespace(NAMESPACE)
                .endMetadata().build()).serverSideApply();
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String version() {
        return version;
    }

    public Path log() {
        return process.log();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The end of core's log, for a failure message. */
    public String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.close();
    }
}
