package io.dpuplane.e2e.provisioning.bench;

import io.dpuplane.testkit.apps.AppLauncher;
import io.dpuplane.testkit.apps.FreePort;
import io.dpuplane.testkit.apps.QuarkusApp;
import io.dpuplane.testkit.apps.Readiness;
import io.dpuplane.testkit.apps.RunningProcess;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The emulated fleet as processes, as in {@code make sandbox}: agents in emulator mode, each holding a few
 * hosts full of BlueFields (rshim device files, boot on a scaled clock, kubelets that join the DPU cluster and
 * heartbeat), and one host-mode agent per host reading those files, publishing the inventory once and serving
 * the mutual-TLS API the provider flashes through. Host {@code h<i>} is host {@code host-<i % per emulator>} of
 * emulator {@code <i / per emulator>}.
 */
final class BenchFleet implements AutoCloseable {

    /**
     * The benchmark's JVMs (the provider, the host agents, the emulators' kubelets) offer one TLS key share, x25519,
     * as a Go client does; the JDK's default also makes a secp256r1 share for every connection, which the API server
     * (Go) never takes: a fifth of an emulator's CPU in the join wave, and most of the provider's handshake samples in
     * the first seconds of a wave (its HTTP/1.1 client opens a connection per request in flight).
     */
    static final String ONE_KEY_SHARE = "-Djdk.tls.namedGroups=x25519";
    private static final Duration START = Duration.ofMinutes(5);

    private final List<RunningProcess> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Path dir;
    private final BenchOptions options;

    private BenchFleet(Path dir, BenchOptions options) {
        this.dir = dir;
        this.options = options;
    }

    static BenchFleet start(Path dir, BenchOptions options, Path hostKubeconfig, Path kubeletKubeconfig,
            TestCertificateAuthority ca, String inventoryNamespace) {
        BenchFleet fleet = new BenchFleet(dir, options);
        // Few at a time: every JVM starting at once on two cores only makes each start slower.
        ExecutorService starter = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> started = new ArrayList<>();
            for (int e = 0; e < options.emulators(); e++) {
                int hosts = Math.min(options.hostsPerEmulator(), options.hosts() - e * options.hostsPerEmulator());
                Path root = fleet.emulatorRoot(e);
                String name = "emulator-" + e;
                List<String> jvm = List.of("-Xmx1g", ONE_KEY_SHARE,
                        "-Xlog:gc,safepoint:file=" + dir.resolve("logs").resolve("gc-" + name + ".log"));
                started.add(starter.submit(() -> fleet.processes.add(agent(dir, name, jvm, Map.of(
                        "dpuplane.agent.mode", "emulator",
                        "dpuplane.agent.emulator-root", root.toString(),
                        "dpuplane.agent.emulated-hosts", Integer.toString(hosts),
                        "dpuplane.agent.emulated-dpus-per-host", Integer.toString(options.dpusPerHost()),
                        "dpuplane.agent.emulator-time-scale", Double.toString(options.timeScale()),
                        "dpuplane.agent.emulator-kubelet-kubeconfig", kubeletKubeconfig.toString()), hostKubeconfig))));
            }
            waitAll(started);
            started.clear();
            for (int h = 0; h < options.hosts(); h++) {
                String node = hostName(h);
                Path hostRoot = fleet.hostRoot(h);
                Path certs = ca.issueAgentServer(node + "-agent").writeTo(dir.resolve("agent-tls").resolve(node));
                started.add(starter.submit(() -> {
                    int grpc = FreePort.pick();
                    fleet.processes.add(agent(dir, node, List.of("-Xmx128m", ONE_KEY_SHARE), Map.of(
                            "dpuplane.agent.mode", "host",
                            "dpuplane.agent.node-name", node,
                            "dpuplane.agent.dev-root", hostRoot.resolve("dev").toString(),
                            "dpuplane.agent.sys-root", hostRoot.resolve("sys").toString(),
                            "dpuplane.agent.state-dir", dir.resolve("state").resolve(node).toString(),
                            "dpuplane.agent.grpc-port", Integer.toString(grpc),
                            "dpuplane.agent.advertise-address", "localhost:" + grpc,
                            "dpuplane.agent.tls-certs-dir", certs.toString(),
                            // Published once at start: the window measures the provider, not inventory refreshes.
                            "dpuplane.agent.inventory-interval", "1h",
                            "dpuplane.agent.inventory-namespace", inventoryNamespace), hostKubeconfig));
                }));
            }
            waitAll(started);
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        } finally {
            starter.shutdownNow();
        }
    }

    static String hostName(int host) {
        return "h" + host;
    }

    /** The directory of host {@code h<host>}'s emulated devices. */
    Path hostRoot(int host) {
        return emulatorRoot(host / options.hostsPerEmulator()).resolve("host-" + host % options.hostsPerEmulator());
    }

    private Path emulatorRoot(int emulator) {
        return dir.resolve("emulators").resolve("e" + emulator);
    }

    List<RunningProcess> processes() {
        return List.copyOf(processes);
    }

    private static RunningProcess agent(Path dir, String name, List<String> jvmOptions, Map<String, String> settings,
            Path kubeconfig) {
        int http = FreePort.pick();
        AppLauncher launcher = AppLauncher.of(QuarkusApp.AGENT)
                .property("quarkus.http.port", Integer.toString(http))
                .env("KUBECONFIG", kubeconfig.toString()).logTo(dir.resolve("logs").resolve("agent-" + name + ".log"))
                .readyWhen(Readiness.httpOk(URI.create("http://127.0.0.1:" + http + "/q/health/ready")));
        jvmOptions.forEach(launcher::jvmOption);
        settings.forEach(launcher::property);
        return launcher.start(START);
    }

    private static void waitAll(List<Future<?>> started) {
        for (Future<?> f : started) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        processes.parallelStream().forEach(RunningProcess::close);
    }
}
