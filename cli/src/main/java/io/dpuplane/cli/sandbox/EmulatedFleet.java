package io.dpuplane.cli.sandbox;

import io.dpuplane.testkit.apps.AppLauncher;
import io.dpuplane.testkit.apps.FreePort;
import io.dpuplane.testkit.apps.QuarkusApp;
import io.dpuplane.testkit.apps.Readiness;
import io.dpuplane.testkit.apps.RunningProcess;
import io.dpuplane.testkit.tls.IssuedCertificate;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The emulated hosts and their host agents, each a real agent process: one in emulator mode holding every
 * host's BlueFields behind rshim device files, and one in host mode per host reading those files, publishing
 * the inventory to the host cluster and serving the mutual-TLS API the provider flashes through. The host
 * Nodes exist in the host cluster (for node effects); the provider's client certificate is the Secret
 * {@code crossplane-system/agent-client-tls}.
 */
final class EmulatedFleet implements AutoCloseable {

    static final String CLIENT_TLS_SECRET = "agent-client-tls";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final List<RunningProcess> processes = new ArrayList<>();

    private EmulatedFleet() {
    }

    static EmulatedFleet start(SandboxDir dir, SandboxOptions options, KubernetesClient host,
            TestCertificateAuthority ca) {
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
            publishClientCertificate(host, ca.issueClient("provider-dpuplane"));
            for (int i = 0; i < options.hosts(); i++) {
                String name = "host-" + i;
                ensureNode(host, name);
                Path certs = ca.issueAgentServer(name + "-agent").writeTo(dir.state("agent-tls").resolve(name));
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
                .property("quarkus.grpc.server.port", Integer.toString(FreePort.pick()))
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

    private static void publishClientCertificate(KubernetesClient host, IssuedCertificate client) {
        host.secrets().inNamespace("crossplane-system").resource(new SecretBuilder().withNewMetadata()
                .withName(CLIENT_TLS_SECRET).endMetadata()
                .addToData(Map.of("ca.crt", b64(client.caPem()), "tls.crt", b64(client.certificatePem()),
                        "tls.key", b64(client.keyPem()))).build()).serverSideApply();
    }

    private static String b64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
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
