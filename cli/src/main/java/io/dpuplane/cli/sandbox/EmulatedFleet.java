package io.dpuplane.cli.sandbox;

import io.dpuplane.testkit.apps.AppLauncher;
import io.dpuplane.testkit.apps.FreePort;
import io.dpuplane.testkit.apps.QuarkusApp;
import io.dpuplane.testkit.apps.Readiness;
import io.dpuplane.testkit.apps.RunningProcess;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The emulated hosts and their host agents, each a real agent process: one in emulator mode holding every
 * host's BlueFields behind rshim device files, and one in host mode per host reading those files, publishing
 * the inventory to the host cluster and serving the mutual-TLS API the provider flashes through. The host
 * Nodes exist in the host cluster (for node effects). The agents serve the certificate the provider issued
 * (Secret {@code sandbox/dpuplane-agent-tls}, written to files as a Secret volume holds them), so it must run
 * first.
 */
final class EmulatedFleet implements AutoCloseable {

    static final String AGENT_TLS_SECRET = "dpuplane-agent-tls";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final List<RunningProcess> processes = new ArrayList<>();

    private EmulatedFleet() {
    }

    static EmulatedFleet start(SandboxDir dir, SandboxOptions options, KubernetesClient host) {
        Path hostKubeconfig = dir.hostKubeconfig();
        EmulatedFleet fleet = new EmulatedFleet();
        try {
            Path emulatorRoot = dir.state("hosts");
            fleet.processes.add(agent(dir, "emulator", Map.of(
                    "dpuplane.agent.mode", "emulator",
                    "dpuplane.agent.emulator-root", emulatorRoot.toString(),
                    "dpuplane.agent.emulated-hosts", Integer.toString(options.hosts()),
                    "dpuplane.agent.emulated-dpus-per-host", Integer.toString(options.dpusPerHost()),
                    "dpuplane.agent.emulator-time-scale", Double.toString(options.timeScale()),
                    "dpuplane.agent.emulator-kubelet-kubeconfig", dir.dpuKubeconfig().toString()), hostKubeconfig));
            Path certs = mountAgentSecret(host, dir.state("agent-tls"));
            for (int i = 0; i < options.hosts(); i++) {
                String name = "host-" + i;
                ensureNode(host, name);
                int grpc = FreePort.pick();
                fleet.processes.add(agent(dir, name, Map.of(
                        "dpuplane.agent.mode", "host",
                        "dpuplane.agent.node-name", name,
                        "dpuplane.agent.dev-root", emulatorRoot.resolve(name).resolve("dev").toString(),
                        "dpuplane.agent.sys-root", emulatorRoot.resolve(name).resolve("sys").toString(),
                        "dpuplane.agent.state-dir", dir.state("agent-" + name).toString(),
                        "dpuplane.agent.grpc-port", Integer.toString(grpc),
                        "dpuplane.agent.advertise-address", "localhost:" + grpc,
                        "dpuplane.agent.tls-certs-dir", certs.toString(),
                        "dpuplane.agent.inventory-interval", "2s",
                        "dpuplane.agent.inventory-namespace", Sandbox.NAMESPACE), hostKubeconfig));
            }
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    private static RunningProcess agent(SandboxDir dir, String name, Map<String, String> settings, Path kubeconfig) {
        int http = FreePort.pick();
        AppLauncher launcher = AppLauncher.of(QuarkusApp.AGENT).property("quarkus.http.port", Integer.toString(http))
                .env("KUBECONFIG", kubeconfig.toString()).logTo(dir.logs().resolve("agent-" + name + ".log"))
                .readyWhen(Readiness.httpOk(URI.create("http://127.0.0.1:" + http + "/q/health/ready")));
        settings.forEach(launcher::property);
        return launcher.start(START_TIMEOUT);
    }

    private static void ensureNode(KubernetesClient host, String name) {
        if (host.nodes().withName(name).get() == null) {
            host.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                    .addToLabels("dpuplane.io/sandbox", "true").endMetadata().build()).create();
        }
    }

    /** The agents' Secret, once the provider has issued it, as the files of a Secret volume. */
    private static Path mountAgentSecret(KubernetesClient host, Path dir) {
        Secret secret = Awaitility.await("the provider issues Secret " + Sandbox.NAMESPACE + "/" + AGENT_TLS_SECRET)
                .atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> host.secrets().inNamespace(Sandbox.NAMESPACE).withName(AGENT_TLS_SECRET).get(),
                        s -> s != null);
        try {
            Files.createDirectories(dir);
            for (String file : List.of("tls.crt", "tls.key", "ca.crt")) {
                Files.write(dir.resolve(file), Base64.getDecoder().decode(secret.getData().get(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agents' certificate to " + dir, e);
        }
        return dir;
    }

    /** The agent processes, for the board and for `sandbox down`. */
    List<RunningProcess> processes() {
        return List.copyOf(processes);
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
