package io.dpuplane.testkit.crossplane;

import io.dpuplane.testkit.apps.AppLauncher;
import io.dpuplane.testkit.apps.FreePort;
import io.dpuplane.testkit.apps.QuarkusApp;
import io.dpuplane.testkit.apps.Readiness;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.tls.IssuedCertificate;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Crossplane as a platform team runs dpuplane: real Crossplane core against a control plane, our three packages
 * built with the Crossplane CLI and pulled by core from a loopback registry, function-dpuplane running as a
 * process that core calls over mutual TLS (the External package runtime). The provider runs separately (its
 * configuration differs between users); its revision is marked running here.
 */
public final class OurPackagesOnCrossplane implements AutoCloseable {

    public static final String TAG = "v0.1.0";
    private static final Duration APP_START = Duration.ofSeconds(90);

    private final Map<OurPackage, PackageFile> packages = new EnumMap<>(OurPackage.class);
    private final List<AutoCloseable> parts = new ArrayList<>();
    private CrossplaneCore core;

    private OurPackagesOnCrossplane() {
    }

    /**
     * Starts it all, reporting each part through {@code progress}; installs the packages and waits until core
     * says they are Healthy. What started is stopped again when a later part fails.
     */
    public static OurPackagesOnCrossplane start(TestControlPlane plane, TestCertificateAuthority ca, Path dir,
            Duration healthy, Consumer<String> progress) {
        OurPackagesOnCrossplane crossplane = new OurPackagesOnCrossplane();
        try {
            crossplane.setUp(plane, ca, dir, healthy, progress);
            return crossplane;
        } catch (RuntimeException | Error e) {
            crossplane.close();
            throw e;
        }
    }

    private void setUp(TestControlPlane plane, TestCertificateAuthority ca, Path dir, Duration healthy,
            Consumer<String> progress) {
        CrossplaneCli cli = CrossplaneCli.pinned();
        for (OurPackage pkg : OurPackage.values()) {
            packages.put(pkg, PackageFile.build(cli, pkg, dir.resolve("packages")));
        }
        progress.accept("packages built: " + packages.values());
        LoopbackRegistry registry = own(LoopbackRegistry.start(dir));
        for (PackageFile file : packages.values()) {
            registry.push(cli, file.file(), file.pkg().repository(), TAG);
        }
        progress.accept("packages pushed to the loopback registry " + registry.host());
        int functionPort = FreePort.pick();
        IssuedCertificate functionCertificate = ca.issueLocalhostServer("function-dpuplane");
        startFunction(functionCertificate.writeTo(dir.resolve("function-tls")), functionPort, dir);
        progress.accept("function-dpuplane serving on 127.0.0.1:" + functionPort);
        core = own(CrossplaneCore.start(plane, ca.issueClient("crossplane"), dir.resolve("core")));
        progress.accept("Crossplane core " + core.version() + " running");
        ExternalRuntime runtime = own(new ExternalRuntime(plane.client()));
        runtime.runsFunction(OurPackage.FUNCTION.packageName(), "dns:///localhost:" + functionPort, functionCertificate);
        runtime.runsProvider(OurPackage.PROVIDER.packageName(), ca.issueLocalhostServer("provider-dpuplane"));
        PackageInstaller installer = new PackageInstaller(plane.client());
        installer.rewrite("dpuplane-loopback-registry", OurPackage.REGISTRY_PREFIX, registry.host() + "/dpuplane");
        installer.installOurPackages(TAG, healthy);
        progress.accept("packages installed by core and Healthy");
    }

    private void startFunction(Path certs, int grpcPort, Path dir) {
        int httpPort = FreePort.pick();
        own(AppLauncher.of(QuarkusApp.FUNCTION)
                .args("--tls-certs-dir=" + certs, "--address=127.0.0.1:" + grpcPort)
                .property("quarkus.http.port", Integer.toString(httpPort))
                .property("quarkus.http.host", "127.0.0.1")
                .logTo(dir.resolve("function.log"))
                .readyWhen(Readiness.httpOk(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")))
                .start(APP_START));
    }

    /** The package files core installed. */
    public Map<OurPackage, PackageFile> packages() {
        return Map.copyOf(packages);
    }

    public CrossplaneCore core() {
        return core;
    }

    private <T extends AutoCloseable> T own(T part) {
        parts.add(0, part);
        return part;
    }

    @Override
    public void close() {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("[crossplane] stopping a part failed: " + e.getMessage());
            }
        }
        parts.clear();
    }
}
