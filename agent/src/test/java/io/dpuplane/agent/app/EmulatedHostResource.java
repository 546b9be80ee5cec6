package io.dpuplane.agent.app;

import io.dpuplane.agent.emulator.EmulatedHost;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** An emulated host with two BlueFields, agent certificates, and the real host cluster, for the agent app. */
public class EmulatedHostResource implements QuarkusTestResourceLifecycleManager {

    static TestCertificateAuthority ca;
    private EmulatedHost host;

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("agent-app");
            host = EmulatedHost.start("qa-host", root.resolve("host"), 2, 0.002);
            ca = TestCertificateAuthority.create("agent-app-ca");
            Path certs = ca.issueAgentServer("qa-host-agent").writeTo(root.resolve("certs"));
            TestControlPlane plane = TestControlPlanes.host();
            if (plane.client().namespaces().withName("dpuplane-system").get() == null) {
                plane.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
                        .withName("dpuplane-system").endMetadata().build()).create();
            }
            System.setProperty("kubeconfig", plane.writeKubeconfig(root.resolve("kubeconfig")).toString());
            return Map.of("dpuplane.agent.mode", "host",
                    "dpuplane.agent.node-name", "qa-host",
                    "dpuplane.agent.dev-root", host.devRoot().toString(),
                    "dpuplane.agent.sys-root", host.sysRoot().toString(),
                    "dpuplane.agent.state-dir", root.resolve("state").toString(),
                    "dpuplane.agent.tls-certs-dir", certs.toString(),
                    "dpuplane.agent.grpc-port", "0",
                    "dpuplane.agent.inventory-interval", "1s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        host.close();
        System.clearProperty("kubeconfig");
    }
}
