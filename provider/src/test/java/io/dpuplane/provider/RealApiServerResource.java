package io.dpuplane.provider;

import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points the provider under test at the JVM's real kube-apiserver (with every generated CRD installed),
 * through a kubeconfig file, exactly as it would run against a cluster.
 */
public class RealApiServerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestControlPlane plane = TestControlPlanes.host();
        try {
            Path kubeconfig = plane.writeKubeconfig(Files.createTempDirectory("provider-test").resolve("kubeconfig"));
            System.setProperty("kubeconfig", kubeconfig.toString());
            return Map.of("quarkus.kubernetes-client.devservices.enabled", "false",
                    "dpuplane.provider.poll-interval", "5s",
                    "dpuplane.provider.bfb-download-retry-delay", "100ms",
                    "dpuplane.provider.bfb-download-stall-timeout", "2s",
                    "dpuplane.provider.bfb-failure-backoff", "10m");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        System.clearProperty("kubeconfig");
    }
}
