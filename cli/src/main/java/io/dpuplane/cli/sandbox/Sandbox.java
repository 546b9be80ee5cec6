package io.dpuplane.cli.sandbox;

import io.dpuplane.cli.bfb.SyntheticBundle;
import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.apps.AppLauncher;
import io.dpuplane.testkit.apps.FreePort;
import io.dpuplane.testkit.apps.QuarkusApp;
import io.dpuplane.testkit.apps.Readiness;
import io.dpuplane.testkit.crossplane.OurPackagesOnCrossplane;
import io.dpuplane.testkit.http.LoopbackChartRepository;
import io.dpuplane.testkit.http.LoopbackFileServer;
import io.dpuplane.testkit.kube.ClusterControllers;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Everything a sandbox runs, started in order and stopped in reverse: the host cluster and a DPU cluster
 * (real kube-apiserver, etcd, controller-manager and scheduler), a web server with a generated BFB, the
 * emulated fleet with its host agents, and the provider; the composites are then applied for Crossplane to
 * compose. Closing stops every process it started.
 */
final class Sandbox implements AutoCloseable {

    static final String NAMESPACE = "sandbox";
    static final String DPU_CLUSTER = "dpu-cluster";
    static final String BFB_PATH = "/images/bf-bundle-2.9.1-sandbox.bfb";
    private static final long BFB_SIZE = 8L << 20;
    private static final Duration APP_START = Duration.ofSeconds(120);

    private final SandboxDir dir;
    private final SandboxOptions options;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private static final Duration PACKAGES_HEALTHY = Duration.ofSeconds(180);

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("dpuplane-sandbox");
    private TestControlPlane host;
    private LoopbackChartRepository charts;
    private DpuDataPlane dataPlane;
    private TestControlPlane dpu;
    private LoopbackFileServer images;
    private int providerPort;

    private Sandbox(SandboxDir dir, SandboxOptions options) {
        this.dir = dir;
        this.options = options;
    }

    /** Starts every part, printing each step; on a failure stops what was started and rethrows. */
    static Sandbox start(SandboxDir dir, SandboxOptions options, Steps steps) {
        Sandbox sandbox = new Sandbox(dir, options);
        try {
            sandbox.startAll(steps);
            return sandbox;
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    private void startAll(Steps steps) {
        steps.run("host cluster", () -> {
            host = keep(TestControlPlane.start("host"));
            host.installCrds(ProjectLayout.crdsDir());
            keep(ClusterControllers.start(host));
            host.writeKubeconfig(dir.hostKubeconfig());
            for (String ns : List.of(NAMESPACE, "crossplane-system", "dpuplane-system")) {
                host.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                        .build()).serverSideApply();
            }
            return "kubeconfig " + dir.hostKubeconfig();
        });
        steps.run("DPU cluster", () -> {
            dpu = keep(TestControlPlane.start("dpu"));
            for (String crd : List.of("serviceinterfaces", "servicechains", "ippools")) {
                dpu.installCrd(ProjectLayout.crdsDir().resolve(crd + ".sfc.dpuplane.io-v1.yml"));
            }
            keep(ClusterControllers.start(dpu));
            dpu.writeKubeconfig(dir.dpuKubeconfig());
            return "kubeconfig " + dir.dpuKubeconfig();
        });
        // Each DPU node, once Ready, gets its Open vSwitch and DPU-mode agent (the chain needs them to be Ready).
        steps.run("DPU data plane", () -> (dataPlane = keep(new DpuDataPlane(dir, dpu.client()))).start());
        steps.run("BFB image server", () -> {
            images = keep(new LoopbackFileServer());
            images.serve(BFB_PATH, SyntheticBundle.bytes("2.9.1", BFB_SIZE));
            return bfbUrl();
        });
        steps.run("chart repository", () -> {
            charts = keep(new LoopbackChartRepository());
            var entry = charts.publish(Quickstart.directory().resolve("charts/dpuplane-forwarder"));
            return entry.name() + " " + entry.version() + " at " + charts.url();
        });
        steps.run("provider", () -> {
            providerPort = FreePort.pick();
            keep(AppLauncher.of(QuarkusApp.PROVIDER).property("quarkus.http.port", Integer.toString(providerPort))
                    .property("dpuplane.provider.bfb-registry-url", "http://127.0.0.1:" + providerPort)
                    .property("dpuplane.provider.poll-interval", "5s")
                    // The host agents publish the inventory where the composites select from (DPUSet's namespace).
                    .property("dpuplane.provider.inventory-namespace", NAMESPACE)
                    .property("dpuplane.provider.agent-certificates.mode", "provider")
                    .env("KUBECONFIG", dir.hostKubeconfig().toString()).logTo(dir.logs().resolve("provider.log"))
                    .readyWhen(Readiness.httpOk(URI.create("http://127.0.0.1:" + providerPort + "/q/health/ready")))
                    .start(APP_START));
            configureProvider();
            return "metrics http://127.0.0.1:" + providerPort + "/metrics";
        });
        // The provider issues the agents' certificate and its own client certificate, as it does by default in
        // a real cluster: the host agents serve the Secret it wrote, and the ProviderConfig names no Secret.
        steps.run("emulated hosts and host agents", () -> {
            keep(EmulatedFleet.start(dir, options, host.client()));
            return options.hosts() + " hosts x " + options.dpusPerHost() + " BlueFields, serving the certificate "
                    + "the provider issued (Secret " + NAMESPACE + "/" + EmulatedFleet.AGENT_TLS_SECRET + ")";
        });
        steps.run("Crossplane core with the dpuplane packages", () -> {
            keep(OurPackagesOnCrossplane.start(host, ca, dir.state("crossplane"), PACKAGES_HEALTHY,
                    part -> steps.note(part)));
            return "Configuration, Function and Provider Healthy";
        });
    }

    /** The default ClusterProviderConfig and the DPU cluster every composite of the sandbox uses. */
    private void configureProvider() {
        KubernetesClient client = host.client();
        client.resource(Serialization.unmarshal("""
                apiVersion: dpuplane.io/v1alpha1
                kind: ClusterProviderConfig
                metadata: {name: default}
                spec:
                  agent: {}
                  bfbCache: {directory: "%s", registryURL: "http://127.0.0.1:%d"}
                """.formatted(dir.state("bfb-cache"), providerPort),
                io.dpuplane.apis.config.v1alpha1.ClusterProviderConfig.class)).forceConflicts().serverSideApply();
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName(DPU_CLUSTER + "-kubeconfig").endMetadata().addToStringData("kubeconfig", dpu.kubeconfigYaml())
                .build()).forceConflicts().serverSideApply();
        client.resource(Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUCluster
                metadata: {name: %s, namespace: %s}
                spec: {forProvider: {type: static, kubeconfigSecretRef: {name: %s-kubeconfig}}}
                """.formatted(DPU_CLUSTER, NAMESPACE, DPU_CLUSTER),
                io.dpuplane.apis.provisioning.v1alpha1.DPUCluster.class)).forceConflicts().serverSideApply();
    }

    String chartsUrl() {
        return charts.url();
    }

    String bfbUrl() {
        return images.baseUrl() + BFB_PATH;
    }

    DpuDataPlane dataPlane() {
        return dataPlane;
    }

    KubernetesClient hostClient() {
        return host.client();
    }

    KubernetesClient dpuClient() {
        return dpu.client();
    }

    private <T extends AutoCloseable> T keep(T part) {
        started.push(part);
        return part;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("sandbox: stopping a part failed: " + e.getMessage());
            }
        }
    }
}
