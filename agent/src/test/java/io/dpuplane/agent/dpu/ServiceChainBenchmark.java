package io.dpuplane.agent.dpu;

import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.dpu.ovs.OvsCli;
import io.dpuplane.agent.dpu.port.PortLayout;
import io.dpuplane.apis.sfc.v1alpha1.InterfaceType;
import io.dpuplane.apis.sfc.v1alpha1.PhysicalInterface;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedPort;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedSwitch;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChainSpec;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterfaceSpec;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import io.dpuplane.testkit.ovs.PrivateOpenVSwitch;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * How fast the DPU agent programs chains (a program, not a test: {@code make bench}, or {@code mvn -pl agent
 * test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.dpuplane.agent.dpu.ServiceChainBenchmark}). On a private OVS (userspace datapath) and
 * the real DPU-cluster API server, one node with N chains of one switch of {@code ports} uplinks each:
 * <ol>
 *   <li>raw bundle throughput: N chains' flows in one {@code ovs-ofctl --bundle} (the agent's write path);</li>
 *   <li>live: the agent running while the chains and interfaces are created (8 client threads), until every
 *       flow is in OVS and every chain reports Programmed;</li>
 *   <li>cold: an agent started on a node whose N chains exist and whose flow table is empty (what follows an
 *       ovs-vswitchd restart), until the same;</li>
 *   <li>one update: one chain changed among N, until its new flows are in;</li>
 *   <li>restart: an agent started where everything is in place, until its first pass (which must change
 *       nothing).</li>
 * </ol>
 * Options: {@code -Dbench.chains=1000 -Dbench.ports=2}.
 */
public final class ServiceChainBenchmark {

    private static final int CHAINS = Integer.getInteger("bench.chains", 1000);
    private static final int PORTS = Integer.getInteger("bench.ports", 2);
    private static final int FLOWS = CHAINS * PORTS;
    /** How often convergence is checked; measured times are late by up to this. */
    private static final Duration POLL = Duration.ofMillis(20);
    /** Listing a thousand chains is work for the API server too, so that is checked less often. */
    private static final Duration API_POLL = Duration.ofMillis(250);

    private ServiceChainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            run();
            status = 0;
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
        }
        System.exit(status);
    }

    private static void run() throws Exception {
        KubernetesClient client = SfcTestBed.dpuCluster().client();
        String id = Long.toHexString(System.nanoTime() & 0xfffff);
        String ns = "bench-" + id;
        String node = "bench-" + id;
        String bridge = "bb" + id;
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        try (PrivateOpenVSwitch ovs = PrivateOpenVSwitch.start()) {
            ovs.vsctl("add-br", bridge, "--", "set", "Bridge", bridge, "datapath_type=netdev", "fail_mode=secure");
            ovs.addBridge("bp" + id);
            addPatchPorts(ovs, bridge, "bp" + id);
            OvsCli cli = new OvsCli(ovs.dir(), ovs.environment(), Duration.ofSeconds(120));
            System.out.printf("chains=%d ports/chain=%d flows=%d%n", CHAINS, PORTS, FLOWS);

            rawBundle(cli, ovs, bridge);

            DpuAgentSettings settings = new DpuAgentSettings(node, new PortLayout(bridge, "br-ovn-none", ""), "netdev",
                    Duration.ofMinutes(10));
            long started = System.nanoTime();
            try (DpuAgent agent = new DpuAgent(client, cli, settings)) {
                agent.start();
                createObjects(client, ns, node);
                double created = seconds(started);
                double flowsIn = waitFor(() -> flowCount(ovs, bridge) >= FLOWS, started);
                double programmed = waitFor(() -> programmedChains(client, ns) == CHAINS, started, API_POLL);
                System.out.printf("live: objects created in %.1f s, all %d flows in OVS after %.1f s, all chains "
                        + "Programmed after %.1f s (%.0f flows/s end to end)%n", created, FLOWS, flowsIn, programmed,
                        FLOWS / flowsIn);
            }

            ovs.ofctl("del-flows", bridge);
            started = System.nanoTime();
            try (DpuAgent agent = new DpuAgent(client, cli, settings)) {
                agent.start();
                double flowsIn = waitFor(() -> flowCount(ovs, bridge) >= FLOWS, started);
                double programmed = waitFor(() -> agent.health().passes() > 0, started);
                System.out.printf("cold: agent start to all %d flows in OVS: %.2f s (%.0f flows/s); first pass done "
                        + "after %.2f s%n", FLOWS, flowsIn, FLOWS / flowsIn, programmed);

                String cookie = client.resources(ServiceChain.class).inNamespace(ns).withName("chain-0").get()
                        .getStatus().getCookie();
                long before = System.nanoTime();
                client.resources(ServiceChain.class).inNamespace(ns).withName("chain-0").edit(c -> {
                    List<ResolvedPort> ports = new ArrayList<>(c.getSpec().switches().get(0).ports());
                    ports.remove(ports.size() - 1);
                    ports.add(new ResolvedPort("si-" + (CHAINS * PORTS), null, null));
                    c.setSpec(new ServiceChainSpec(node, List.of(new ResolvedSwitch(ports))));
                    return c;
                });
                String lastPort = String.valueOf(lastOfport(ovs, bridge));
                double updated = waitFor(() -> ovs.ofctl("dump-flows", bridge, "cookie=" + cookie + "/-1")
                        .contains("in_port=" + lastPort + " "), before);
                System.out.printf("update: one chain among %d changed to its new flows in %.0f ms%n", CHAINS,
                        updated * 1000);
            }

            RecordingOvs recording = new RecordingOvs(cli);
            started = System.nanoTime();
            try (DpuAgent agent = new DpuAgent(client, recording, settings)) {
                agent.start();
                double checked = waitFor(() -> agent.health().passes() > 0, started);
                System.out.printf("restart: agent start to a pass over %d chains that changes nothing in %.2f s "
                        + "(%d OVS changes)%n", CHAINS, checked, recording.changes.size());
            }
        } finally {
            client.namespaces().withName(ns).delete();
        }
    }

    /** Uplinks that cost no device: patch ports to a second bridge, one spare for the update. */
    private static void addPatchPorts(PrivateOpenVSwitch ovs, String bridge, String peerBridge) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i <= CHAINS * PORTS; i++) {
            String a = "u" + i;
            String b = "v" + i;
            args.addAll(List.of("--", "add-port", bridge, a, "--", "set", "Interface", a, "type=patch",
                    "options:peer=" + b, "--", "add-port", peerBridge, b, "--", "set", "Interface", b, "type=patch",
                    "options:peer=" + a));
            if (i % 100 == 99 || i == CHAINS * PORTS) {
                ovs.vsctl(args.toArray(String[]::new));
                args.clear();
            }
        }
    }

    private static void rawBundle(OvsCli cli, PrivateOpenVSwitch ovs, String bridge) {
        List<String> mods = new ArrayList<>();
        for (int c = 0; c < CHAINS; c++) {
            long cookie = 0x5000_0000L + c;
            List<Integer> ports = new ArrayList<>();
            for (int p = 0; p < PORTS; p++) {
                ports.add(1 + c * PORTS + p);
            }
            io.dpuplane.agent.dpu.flow.SwitchFlows.render(cookie, ports).forEach(f -> mods.add("add " + f));
        }
        long started = System.nanoTime();
        cli.bundle(bridge, mods);
        double took = seconds(started);
        System.out.printf("raw: %d flows in one bundle in %.2f s (%.0f flows/s)%n", mods.size(), took,
                mods.size() / took);
        ovs.ofctl("del-flows", bridge);
    }

    private static void createObjects(KubernetesClient client, String ns, String node) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CHAINS; c++) {
            int chain = c;
            done.add(pool.submit(() -> {
                List<ResolvedPort> ports = new ArrayList<>();
                for (int p = 0; p < PORTS; p++) {
                    int i = chain * PORTS + p;
                    client.resource(si(ns, node, "si-" + i, "u" + i)).create();
                    ports.add(new ResolvedPort("si-" + i, null, null));
                }
                ServiceChain sc = new ServiceChain();
                sc.setMetadata(new ObjectMetaBuilder().withName("chain-" + chain).withNamespace(ns)
                        .withLabels(Map.of(Sfc.NODE_LABEL, node)).build());
                sc.setSpec(new ServiceChainSpec(node, List.of(new ResolvedSwitch(ports))));
                client.resource(sc).create();
            }));
        }
        done.add(pool.submit(() -> client.resource(si(ns, node, "si-" + CHAINS * PORTS, "u" + CHAINS * PORTS)).create()));
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static ServiceInterface si(String ns, String node, String name, String port) {
        ServiceInterface si = new ServiceInterface();
        si.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).withLabels(Map.of(Sfc.NODE_LABEL, node))
                .build());
        ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
        spec.setNode(node);
        spec.setInterfaceType(InterfaceType.PHYSICAL);
        spec.setPhysical(new PhysicalInterface(port));
        si.setSpec(spec);
        return si;
    }

    private static long flowCount(PrivateOpenVSwitch ovs, String bridge) {
        return ovs.ofctl("dump-flows", bridge, "--no-stats").lines().filter(l -> l.contains("priority=20")).count();
    }

    private static int lastOfport(PrivateOpenVSwitch ovs, String bridge) {
        return Integer.parseInt(ovs.vsctl("get", "Interface", "u" + CHAINS * PORTS, "ofport").strip());
    }

    private static long programmedChains(KubernetesClient client, String ns) {
        return client.resources(ServiceChain.class).inNamespace(ns).list().getItems().stream()
                .filter(c -> SfcTestBed.programmed(c).map(x -> "True".equals(x.getStatus())).orElse(false)
                        && c.getStatus().getObservedGeneration() != null).count();
    }

    private static double waitFor(BooleanSupplier condition, long since) {
        return waitFor(condition, since, POLL);
    }

    private static double waitFor(BooleanSupplier condition, long since, Duration poll) {
        await("converged").atMost(Duration.ofMinutes(10)).pollDelay(Duration.ZERO).pollInterval(poll)
                .until(condition::getAsBoolean);
        return seconds(since);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
