package io.dpuplane.e2e.provisioning.bench;

import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.emulator.BootStage;
import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootStreamWriter;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.testkit.apps.AppLauncher;
import io.dpuplane.testkit.apps.FreePort;
import io.dpuplane.testkit.apps.QuarkusApp;
import io.dpuplane.testkit.apps.Readiness;
import io.dpuplane.testkit.apps.RunningProcess;
import io.dpuplane.testkit.http.LoopbackFileServer;
import io.dpuplane.testkit.kube.PackagedRoles;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.dpuplane.testkit.tls.IssuedCertificate;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Provisions {@code bench.dpus} emulated BlueFields with one provider process and reports the time until
 * every DPU is Ready against the hardware's critical path (one DPU's install + boot + join at the chosen time
 * scale), the provider's reconciles per second, the API requests per DPU on the host and DPU API servers, and
 * the provider's peak heap. Everything is real: two kube-apiserver + etcd control planes, the agent in
 * emulator mode (rshim files, BFB validation, boot stages, kubelets that join and heartbeat), one host agent
 * process per host, and the provider's packaged app with its heap capped. A program, not a test.
 */
public final class DpuProvisioningBenchmark {

    private static final String NS = "bench";
    private static final String INVENTORY = "dpuplane-system";
    private static final String BFB = "doca-bench";
    private static final String KUBELETS = "emulated-kubelets";
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);

    private DpuProvisioningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.fromSystemProperties();
        Path dir = Files.createTempDirectory("dpu-provisioning-bench");
        Duration criticalPath = criticalPath(o.timeScale());
        say("%d DPUs = %d hosts x %d, %d emulator processes, time scale %s (critical path %.1f s), provider -Xmx%s, "
                + "max reconcile rate %d/s, maxParallelInstalls %d; logs under %s", o.dpus(), o.hosts(),
                o.dpusPerHost(), o.emulators(), o.timeScale(), criticalPath.toMillis() / 1000.0, o.providerHeap(),
                o.maxReconcileRate(), o.maxParallelInstalls(), dir);
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            run(o, dir, criticalPath, owned);
        } finally {
            for (int i = owned.size() - 1; i >= 0; i--) {
                owned.get(i).close();
            }
        }
        System.exit(0);
    }

    /** One DPU's hardware time at this scale: every boot stage's real duration, scaled (stream and join are extra). */
    static Duration criticalPath(double timeScale) {
        long millis = 0;
        for (BootStage stage : BootStage.values()) {
            millis += (long) (stage.realDuration().toMillis() * timeScale);
        }
        return Duration.ofMillis(millis);
    }

    private static void run(BenchOptions o, Path dir, Duration criticalPath, List<AutoCloseable> owned) throws Exception {
        long t = System.nanoTime();
        TestControlPlane host = TestControlPlanes.host();
        TestControlPlane dpuCluster = TestControlPlanes.second();
        KubernetesClient client = host.client();
        for (String ns : List.of(NS, INVENTORY, "crossplane-system")) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
        }
        say("control planes up in %d ms", ms(t));

        TestCertificateAuthority ca = TestCertificateAuthority.create("bench");
        IssuedCertificate providerCert = ca.issueClient("provider-dpuplane");
        client.secrets().inNamespace("crossplane-system").resource(new SecretBuilder().withNewMetadata()
                .withName("agent-client-tls").endMetadata().addToStringData(Map.of("ca.crt", providerCert.caPem(),
                        "tls.crt", providerCert.certificatePem(), "tls.key", providerCert.keyPem())).build())
                .serverSideApply();
        for (int h = 0; h < o.hosts(); h++) {
            // The host Nodes, which carry the DPUs' node effect while they install.
            client.resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata()
                    .withName(BenchFleet.hostName(h)).endMetadata().build()).serverSideApply();
        }
        Path hostKubeconfig = host.writeKubeconfig(dir.resolve("host.kubeconfig"));
        // The emulated kubelets' own credential after their bootstrap-token join: a token, as cheap to present as the
        // ECDSA client certificate a real kubelet gets from its TLS bootstrap (the admin's RSA certificate costs a
        // signature per new connection, on the emulators' CPU, which stands for the cards' own). Its ServiceAccount is
        // not in kube-system: API Priority and Fairness puts a kube-system ServiceAccount's Lease updates in the
        // leader-election level, a few seats meant for controller managers, where 1,000 kubelets' heartbeats queued
        // for 0.6 s each in the join wave (a real kubelet, in group system:nodes, is in node-high).
        dpuCluster.client().rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
                .withName("emulated-kubelets").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole").withName("cluster-admin").endRoleRef().addNewSubject().withKind("ServiceAccount")
                .withName("emulated-kubelets").withNamespace(KUBELETS).endSubject().build()).serverSideApply();
        Path kubeletKubeconfig = Files.writeString(dir.resolve("kubelets.kubeconfig"), PackagedRoles.serviceAccountKubeconfig(
                dpuCluster, KUBELETS, "emulated-kubelets", Duration.ofHours(2)));
        // The provider as a cluster runs it: its ServiceAccounts' tokens and the packaged least-privilege roles on
        // both API servers (package/rbac), not the admin's client certificate.
        PackagedRoles.apply(host, "provider.yaml");
        Path providerKubeconfig = Files.writeString(dir.resolve("provider.kubeconfig"), PackagedRoles
                .serviceAccountKubeconfig(host, "crossplane-system", "provider-dpuplane", Duration.ofHours(2)));
        PackagedRoles.apply(dpuCluster, "provider-dpu-cluster.yaml");
        String providerInDpuCluster = PackagedRoles.serviceAccountKubeconfig(dpuCluster, "dpuplane-system",
                "dpuplane-provider", Duration.ofHours(2));

        t = System.nanoTime();
        BenchFleet fleet = BenchFleet.start(dir, o, hostKubeconfig, kubeletKubeconfig, ca, INVENTORY);
        owned.add(fleet);
        say("%d agent processes up in %d ms", fleet.processes().size(), ms(t));

        t = System.nanoTime();
        int providerPort = FreePort.pick();
        Path gcLog = dir.resolve("provider-gc.log");
        AppLauncher provider = AppLauncher.of(QuarkusApp.PROVIDER).jvmOption("-Xmx" + o.providerHeap())
                .jvmOption(BenchFleet.ONE_KEY_SHARE).jvmOption("-Xlog:gc:file=" + gcLog)
                .property("quarkus.http.port", Integer.toString(providerPort))
                .property("quarkus.http.host", "127.0.0.1")
                .property("dpuplane.provider.inventory-namespace", INVENTORY)
                .property("dpuplane.provider.max-reconcile-rate", Integer.toString(o.maxReconcileRate()))
                .property("dpuplane.provider.bfb-registry-url", "http://127.0.0.1:" + providerPort)
                .env("KUBECONFIG", providerKubeconfig.toString()).logTo(dir.resolve("logs/provider.log"))
                .readyWhen(Readiness.httpOk(URI.create("http://127.0.0.1:" + providerPort + "/q/health/ready")));
        if (o.jfr()) {
            provider.jvmOption("-XX:StartFlightRecording=filename=" + dir.resolve("provider.jfr") + ",settings=profile");
        }
        RunningProcess providerProcess = provider.start(Duration.ofMinutes(3));
        owned.add(providerProcess);
        URI providerMetrics = URI.create("http://127.0.0.1:" + providerPort + "/metrics");
        say("provider up in %d ms (pid %d)", ms(t), providerProcess.pid());

        LoopbackFileServer images = new LoopbackFileServer();
        owned.add(images);
        byte[] bfb = image(o.bfbKiB() * 1024L);
        String url = images.serve("/" + BFB + ".bfb", bfb);
        apply(client, """
                apiVersion: dpuplane.io/v1alpha1
                kind: ClusterProviderConfig
                metadata: {name: default}
                spec:
                  agent: {tlsSecretRef: {name: agent-client-tls, namespace: crossplane-system}}
                  bfbCache: {directory: "%s", registryURL: "http://127.0.0.1:%d"}
                  maxParallelInstalls: %d
                """.formatted(dir.resolve("bfb-cache"), providerPort, o.maxParallelInstalls()));
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("dpu-cluster-kubeconfig")
                .endMetadata().addToStringData("kubeconfig", providerInDpuCluster).build()).serverSideApply();
        apply(client, """
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUCluster
                metadata: {name: dpu-cluster, namespace: %s}
                spec: {forProvider: {type: static, kubeconfigSecretRef: {name: dpu-cluster-kubeconfig}}}
                """.formatted(NS));
        apply(client, """
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUFlavor
                metadata: {name: default, namespace: %s}
                spec: {forProvider: {grub: {kernelParameters: [hugepages=3072]}}}
                """.formatted(NS));
        apply(client, """
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: BFB
                metadata: {name: %s, namespace: %s}
                spec: {forProvider: {url: "%s", sha256: "%s"}}
                """.formatted(BFB, NS, url, sha256(bfb)));
        await("BFB " + BFB + " Ready").pollInterval(POLL).atMost(Duration.ofMinutes(2)).until(() -> {
            var b = client.resources(io.dpuplane.apis.provisioning.v1alpha1.BFB.class).inNamespace(NS).withName(BFB).get();
            return b != null && b.getStatus() != null && ready(b.getStatus().getConditions());
        });
        await(o.dpus() + " DPUDevices published").pollInterval(POLL).atMost(Duration.ofMinutes(5))
                .until(() -> client.resources(io.dpuplane.apis.provisioning.v1alpha1.DPUDevice.class)
                        .inNamespace(INVENTORY).list().getItems().size() >= o.dpus());
        say("BFB verified and inventory published; let the processes settle for 10 s");
        await().pollDelay(SETTLE).atMost(SETTLE.plusSeconds(1)).until(() -> true);

        ReadyWatch ready = new ReadyWatch();
        // Only the DPUs that turned Ready are sent to this watch (phase is a selectable field), not every DPU's every
        // progress update: the benchmark's watch took CPU from the run it measures.
        owned.add(client.resources(DPU.class).inNamespace(NS).withField("status.atProvider.phase", "Ready")
                .watch(ready));
        ApiRequests hostBefore = ApiRequests.of(client);
        ApiRequests dpuBefore = ApiRequests.of(dpuCluster.client());
        double reconcilesBefore = reconciles(providerMetrics);
        String loadBefore = loadAverage();
        java.util.function.Function<ProcessHandle, String> roles = roles(providerProcess.pid());
        CpuShares cpuBefore = CpuShares.sample(roles);
        // The cards' boots end about a critical path after their streams began: from then on, the join wave.
        long joinWaveAt = Math.max(61, criticalPath.toSeconds());

        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        createDpus(client, o);
        Duration created = Duration.ofNanos(System.nanoTime() - startNanos);
        say("%d DPUs created in %.1f s", o.dpus(), created.toMillis() / 1000.0);
        HeapWatch heap = new HeapWatch(providerMetrics);
        Samples samples = new Samples(o, ready, heap, roles, joinWaveAt, startNanos,
                () -> Window.take(client, dpuCluster.client(), providerMetrics));
        try {
            await().pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1)).atMost(o.timeout())
                    .until(samples::allReady);
        } catch (ConditionTimeoutException e) {
            // reported below: the DPUs Ready so far, and the work done until the last of them was
        }
        CpuShares cpuFirstMinute = samples.cpuFirstMinute;
        CpuShares cpuJoinWave = samples.cpuJoinWave;
        Window window = samples.window;
        Duration total = Duration.between(start, ready.last().orElse(Instant.now()));
        boolean done = ready.count() >= o.dpus();
        String loadAfter = loadAverage();
        CpuShares cpuAfter = CpuShares.sample(roles);
        if (done) {
            window = Window.take(client, dpuCluster.client(), providerMetrics);
        }
        ApiRequests hostWindow = window.host().minus(hostBefore);
        ApiRequests dpuWindow = window.dpu().minus(dpuBefore);
        double reconcilesDone = window.reconciles() - reconcilesBefore;
        heap.sample();
        HeapLog gc = HeapLog.read(gcLog);

        Map<String, Path> consoles = new java.util.HashMap<>();
        for (int h = 0; h < o.hosts(); h++) {
            for (int d = 0; d < o.dpusPerHost(); d++) {
                consoles.put(nodeName(h, d), io.dpuplane.agent.emulator.EmulatedDpu.consoleLog(fleet.hostRoot(h).resolve("dev"), d));
            }
        }
        Map<String, Instant> nodesCreated = new java.util.HashMap<>();
        dpuCluster.client().nodes().list().getItems().forEach(n -> nodesCreated.put(n.getMetadata().getName(),
                Instant.parse(n.getMetadata().getCreationTimestamp())));
        BootTimeline timeline = BootTimeline.read(consoles, nodesCreated);
        CreateTimeline creates = CreateTimeline.of(client.resources(DPU.class).inNamespace(NS).list().getItems());
        ReconcileTime reconcileTime = ReconcileTime.of(providerMetrics);
        report(o, criticalPath, created, total, done, ready.byName(), reconcilesDone, hostWindow, dpuWindow, gc, heap,
                timeline, start, loadBefore, loadAfter);
        say("provider before each install (%d DPUs, from their annotations): creation to first create attempt p50 "
                + "%.1f s, max %.1f s; the create itself (token, StartInstall, writes) p50 %.1f s, max %.1f s; "
                + "DPU reconcile mean %.0f ms, max %.0f ms", creates.creates().size(),
                creates.untilFirstAttempt(0.5).toMillis() / 1000.0, creates.untilFirstAttempt(1.0).toMillis() / 1000.0,
                creates.createCall(0.5).toMillis() / 1000.0, creates.createCall(1.0).toMillis() / 1000.0,
                reconcileTime.meanMillis(), reconcileTime.maxMillis());
        if (cpuFirstMinute != null) {
            System.out.println("CPU by role, first 60 s after the first create:");
            System.out.println(cpuFirstMinute.minus(cpuBefore).table());
            if (cpuJoinWave != null) {
                System.out.printf("CPU by role, from 60 s to %d s (streams and boots):%n", joinWaveAt);
                System.out.println(cpuJoinWave.minus(cpuFirstMinute).table());
                System.out.printf("CPU by role, from %d s to the end (boots ending, the join wave):%n", joinWaveAt);
                System.out.println(cpuAfter.minus(cpuJoinWave).table());
            } else {
                System.out.println("CPU by role, from 60 s to the end:");
                System.out.println(cpuAfter.minus(cpuFirstMinute).table());
            }
        } else {
            System.out.println("CPU by role, first create to the end:");
            System.out.println(cpuAfter.minus(cpuBefore).table());
        }
    }

    /** A process's part in the run, from its command line: which server, which agent mode, or the provider. */
    private static java.util.function.Function<ProcessHandle, String> roles(long providerPid) {
        return p -> {
            if (p.pid() == providerPid) {
                return "provider";
            }
            String command = p.info().commandLine().orElse("");
            if (command.contains("dpuplane.agent.mode=emulator")) {
                return "emulators (cards, kubelets)";
            }
            if (command.contains("dpuplane.agent.mode=host")) {
                return "host agents";
            }
            if (command.contains("kube-apiserver")) {
                return "kube-apiservers";
            }
            if (command.contains("etcd")) {
                return "etcds";
            }
            return "other";
        };
    }

    private static void report(BenchOptions o, Duration criticalPath, Duration created, Duration total, boolean done,
            Map<String, Instant> readyAt, double reconciles, ApiRequests host, ApiRequests dpu, HeapLog gc, HeapWatch heap,
            BootTimeline timeline, Instant start, String loadBefore, String loadAfter) {
        double totalS = total.toMillis() / 1000.0;
        double ratio = total.toMillis() / (double) criticalPath.toMillis();
        // The benchmark's own requests in the window: one create per DPU (its watch was opened before).
        double hostProvider = host.total() - o.dpus();
        Set<String> kubelet = Set.of("leases", "nodes/status", "pods", "pods/status", "events");
        double kubeletNodeReads = 2 * (dpu.ofResources(Set.of("nodes/status")) - dpu.count("GET", "nodes/status"));
        double dpuProvider = dpu.total() - dpu.ofResources(kubelet) - dpu.count("POST", "nodes")
                - Math.min(kubeletNodeReads, dpu.count("GET", "nodes"));
        System.out.println();
        System.out.println("API requests in the window, host API server (provider, plus " + o.dpus() + " creates by the benchmark):");
        System.out.println(host.table());
        System.out.println("API requests in the window, DPU cluster API server (provider and the emulated kubelets):");
        System.out.println(dpu.table());
        System.out.println();
        say("%s: %d of %d DPUs Ready after %.1f s (created in %.1f s)", done ? "DONE" : "TIMED OUT", readyAt.size(),
                o.dpus(), totalS, created.toMillis() / 1000.0);
        say("critical path (boot stages x %s): %.1f s; total / critical path = %.2f (goal <= 1.10)", o.timeScale(),
                criticalPath.toMillis() / 1000.0, ratio);
        timeline.firstReceiving().ifPresent(first -> say("hardware, from the card consoles and Nodes (%d cards): stream+boot+join "
                + "per card p50 %.1f s, p99 %.1f s, max %.1f s (stream+boot alone p50 %.1f s, max %.1f s; join p50 %.1f s, "
                + "max %.1f s); first stream %.1f s after the first create, last stream %.1f s after it; last join at %.1f s",
                timeline.cards().size(),
                timeline.hardwareQuantile(0.5).toMillis() / 1000.0, timeline.hardwareQuantile(0.99).toMillis() / 1000.0,
                timeline.hardwareQuantile(1.0).toMillis() / 1000.0, timeline.bootQuantile(0.5).toMillis() / 1000.0,
                timeline.bootQuantile(1.0).toMillis() / 1000.0, timeline.joinQuantile(0.5).toMillis() / 1000.0,
                timeline.joinQuantile(1.0).toMillis() / 1000.0, seconds(start, first),
                seconds(start, timeline.lastReceiving().orElseThrow()), seconds(start, timeline.lastJoined().orElseThrow())));
        Map<String, Instant> readyByNode = new java.util.HashMap<>();
        for (int h = 0; h < o.hosts(); h++) {
            for (int d = 0; d < o.dpusPerHost(); d++) {
                Instant at = readyAt.get(BenchFleet.hostName(h) + "-dpu" + d);
                if (at != null) {
                    readyByNode.put(nodeName(h, d), at);
                }
            }
        }
        say("provider after the join (the kubelet joined to its DPU seen Ready): p50 %.1f s, p99 %.1f s, max %.1f s",
                timeline.readyAfterJoinQuantile(0.5, readyByNode).toMillis() / 1000.0,
                timeline.readyAfterJoinQuantile(0.99, readyByNode).toMillis() / 1000.0,
                timeline.readyAfterJoinQuantile(1.0, readyByNode).toMillis() / 1000.0);
        say("reconciles (DPU): %.0f, %.2f per DPU, %.1f/s", reconciles, reconciles / o.dpus(), reconciles / totalS);
        say("API requests per DPU: host %.1f (provider %.1f), DPU cluster %.1f (provider, estimated, %.1f)",
                host.total() / o.dpus(), hostProvider / o.dpus(), dpu.total() / o.dpus(), dpuProvider / o.dpus());
        say("provider heap (-Xmx%s): peak before GC %d MiB, most live after a GC %d MiB, committed at most %d MiB; "
                + "%d collections, %.0f ms paused; sampled used heap max %d MiB", o.providerHeap(), gc.peakMiB(),
                gc.livePeakMiB(), gc.maxCommittedMiB(), gc.collections(), gc.pauseMillis(), heap.maxMiB());
        say("load average before: %s, after: %s", loadBefore, loadAfter);
        System.out.printf(Locale.ROOT, "%n| %s | %,d (%d x %d) | %.1f s (x%s) | %.1f s | %.2f | %.1f | %.1f + %.1f | %d MiB (live %d) | %s -> %s |%n",
                LocalDate.now(ZoneOffset.UTC), o.dpus(), o.hosts(), o.dpusPerHost(), criticalPath.toMillis() / 1000.0,
                o.timeScale(), totalS, ratio, reconciles / totalS, hostProvider / o.dpus(), dpuProvider / o.dpus(),
                gc.peakMiB(), gc.livePeakMiB(), loadBefore, loadAfter);
    }

    /** The DPU-cluster Node of card {@code dpu} of host {@code host}, as the provider names it. */
    private static String nodeName(int host, int dpu) {
        return (BenchFleet.hostName(host) + "-" + pciAddress(dpu)).replace(':', '-').replace('.', '-');
    }

    private static String pciAddress(int dpu) {
        return String.format(Locale.ROOT, "0000:%02x:00.0", 3 + dpu);
    }

    // No node effect: the benchmark packs 50 cards into a host, so 50 DPUs would edit one host Node at once
    // (conflicts and retries a real host of 1-8 cards rarely sees).
    private static void createDpus(KubernetesClient client, BenchOptions o) throws InterruptedException {
        // The DPUs as JSON straight onto the wire, a few in flight, their responses not parsed: the benchmark's own
        // CPU is taken from the run it measures (objects built, serialized and read back cost a third of it). With 8
        // in flight the creates took 5 to 36 s while the API server idled a third of the first minute: each create
        // waits its turn on a busy machine, and the provider cannot start a DPU before it exists.
        HttpClient http = client.getHttpClient();
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/apis/provisioning.dpuplane.io/v1alpha1"
                + "/namespaces/" + NS + "/dpus";
        Semaphore inFlight = new Semaphore(o.createsInFlight());
        List<CompletableFuture<String>> created = new ArrayList<>();
        for (int h = 0; h < o.hosts(); h++) {
            for (int d = 0; d < o.dpusPerHost(); d++) {
                String hostName = BenchFleet.hostName(h);
                String name = hostName + "-dpu" + d;
                String dpu = """
                        {"apiVersion": "provisioning.dpuplane.io/v1alpha1", "kind": "DPU",
                         "metadata": {"name": "%s", "namespace": "%s"},
                         "spec": {"providerConfigRef": {"kind": "ClusterProviderConfig", "name": "default"},
                          "forProvider": {"hostNode": "%s", "pciAddress": "%s", "bfbRef": {"name": "%s"},
                           "flavorRef": {"name": "default"}, "dpuClusterRef": {"name": "dpu-cluster"},
                           "nodeEffect": {"none": true}, "clusterNodeLabels": {"dpuplane.io/role": "dpu"}}}}
                        """.formatted(name, NS, hostName, pciAddress(d), BFB);
                inFlight.acquire();
                created.add(http.sendAsync(http.newHttpRequestBuilder().uri(url).post("application/json", dpu).build(),
                        String.class).handle((response, failed) -> {
                            inFlight.release();
                            if (failed != null) {
                                return name + ": " + failed;
                            }
                            return response.code() == 201 ? null
                                    : name + ": HTTP " + response.code() + " " + response.body();
                        }));
            }
        }
        List<String> refused = created.stream().map(CompletableFuture::join).filter(java.util.Objects::nonNull)
                .toList();
        if (!refused.isEmpty()) {
            throw new IllegalStateException(refused.size() + " DPUs were not created, first: " + refused.get(0));
        }
    }

    /**
     * What the run is sampled for each second until every DPU is Ready: the provider's heap, the CPU at the first
     * minute and at the join wave, a progress line every 10 s, and the counters as of the latest DPU to turn Ready
     * (within 10 s: a run that times out on a straggler then reports the work done until the others were Ready, not
     * the steady state after).
     */
    private static final class Samples {
        private final BenchOptions o;
        private final ReadyWatch ready;
        private final HeapWatch heap;
        private final java.util.function.Function<ProcessHandle, String> roles;
        private final long joinWaveAt;
        private final long startNanos;
        private final java.util.function.Supplier<Window> counters;
        private long nextReport = 10;
        private int windowReady;
        CpuShares cpuFirstMinute;
        CpuShares cpuJoinWave;
        Window window;

        Samples(BenchOptions o, ReadyWatch ready, HeapWatch heap, java.util.function.Function<ProcessHandle, String> roles,
                long joinWaveAt, long startNanos, java.util.function.Supplier<Window> counters) {
            this.o = o;
            this.ready = ready;
            this.heap = heap;
            this.roles = roles;
            this.joinWaveAt = joinWaveAt;
            this.startNanos = startNanos;
            this.counters = counters;
            this.window = counters.get();
        }

        boolean allReady() {
            heap.sample();
            long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
            if (cpuFirstMinute == null && s >= 60) {
                cpuFirstMinute = CpuShares.sample(roles);
            }
            if (cpuJoinWave == null && s >= joinWaveAt) {
                cpuJoinWave = CpuShares.sample(roles);
            }
            if (s >= nextReport) {
                nextReport = (s / 10 + 1) * 10;
                say("t=%3ds Ready %4d / %d   load %s", s, ready.count(), o.dpus(), loadAverage());
                if (ready.count() > windowReady) {
                    windowReady = ready.count();
                    window = counters.get();
                }
            }
            return ready.count() >= o.dpus();
        }
    }

    /** The API servers' and the provider's counters at one moment. */
    private record Window(ApiRequests host, ApiRequests dpu, double reconciles) {
        static Window take(KubernetesClient host, KubernetesClient dpu, URI providerMetrics) {
            return new Window(ApiRequests.of(host), ApiRequests.of(dpu), DpuProvisioningBenchmark.reconciles(providerMetrics));
        }
    }

    /** Counts DPUs that turned Ready=True, and when the last one did. */
    private static final class ReadyWatch implements Watcher<DPU> {
        private final Map<String, Instant> ready = new ConcurrentHashMap<>();
        private volatile Instant last;

        @Override
        public void eventReceived(Action action, DPU dpu) {
            if (dpu.getStatus() != null && ready(dpu.getStatus().getConditions())
                    && ready.putIfAbsent(dpu.getMetadata().getName(), Instant.now()) == null) {
                last = Instant.now();
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            say("the DPU watch closed: %s", cause.getMessage());
        }

        int count() {
            return ready.size();
        }

        /** When each DPU was seen Ready, by name. */
        Map<String, Instant> byName() {
            return Map.copyOf(ready);
        }

        java.util.Optional<Instant> last() {
            return java.util.Optional.ofNullable(last);
        }
    }

    /** Samples the provider's used heap from its metrics, between collections. */
    private static final class HeapWatch {
        private final URI metrics;
        private double max;

        HeapWatch(URI metrics) {
            this.metrics = metrics;
        }

        void sample() {
            try {
                max = Math.max(max, PrometheusText.scrape(metrics).sum("jvm_memory_used_bytes",
                        s -> "heap".equals(s.label("area"))));
            } catch (RuntimeException e) {
                // a missed sample is not a failure
            }
        }

        long maxMiB() {
            return (long) (max / (1 << 20));
        }
    }

    /** The provider's DPU reconcile timer since it started: mean and (recent) max, in ms. */
    private record ReconcileTime(double meanMillis, double maxMillis) {
        static ReconcileTime of(URI metrics) {
            PrometheusText text = PrometheusText.scrape(metrics);
            java.util.function.Predicate<PrometheusText.Sample> dpu = s -> "DPU".equals(s.label("kind"));
            double count = text.sum("dpuplane_reconcile_duration_seconds_count", dpu);
            double sum = text.sum("dpuplane_reconcile_duration_seconds_sum", dpu);
            double max = text.all("dpuplane_reconcile_duration_seconds_max").stream().filter(dpu)
                    .mapToDouble(PrometheusText.Sample::value).max().orElse(0);
            return new ReconcileTime(count == 0 ? 0 : sum * 1000 / count, max * 1000);
        }
    }

    private static double reconciles(URI metrics) {
        // A reconcile the rate limiter put back did no work: not counted.
        return PrometheusText.scrape(metrics).sum("dpuplane_reconcile_total", s -> "DPU".equals(s.label("kind"))
                && !"rate_limited".equals(s.label("outcome")));
    }

    private static boolean ready(List<Condition> conditions) {
        return Conditions.find(conditions, Conditions.READY).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    private static byte[] image(long osBytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BootStreamWriter.create().image(2, 4096).versions(new BfbVersions("v2.2", "4.9.1-12", "4.9.1", "2.9.1"))
                .image(62, osBytes).writeTo(out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void apply(KubernetesClient client, String yaml) {
        client.resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).forceConflicts().serverSideApply();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static long ms(long sinceNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
    }

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }
}
