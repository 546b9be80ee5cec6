package io.dpuplane.cli.sandbox;

import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import io.dpuplane.testkit.os.Command;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's data plane: for every Ready Node of the DPU cluster, a {@link DpuSwitch} (private Open vSwitch
 * with the flavor's br-sfc, and the node's DPU-mode agent), and the CNI's part for the network function pods
 * bound to it. Level-triggered on a timer: switches of Nodes that are gone are stopped, a switch that failed
 * to start or whose agent exited is started again. {@link #probe} then sends packets across a node's chain. Needs root and Open vSwitch.
 */
final class DpuDataPlane implements AutoCloseable {

    private static final Path OVS_SCHEMA = Path.of("/usr/share/openvswitch/vswitch.ovsschema");
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final int PARALLEL_STARTS = 2;
    private static final Duration AGENT_STOP = Duration.ofSeconds(60);
    private static final Duration RETRY = Duration.ofSeconds(30);

    private final SandboxDir dir;
    private final KubernetesClient dpuCluster;
    private final PodInterfacePlugger cni;
    private final Path log;
    private final Map<String, DpuSwitch> switches = new ConcurrentHashMap<>();
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> programmedAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> readyAt = new ConcurrentHashMap<>();
    private final Set<String> starting = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(daemon("dpu-data-plane"));
    private final ExecutorService starter = Executors.newFixedThreadPool(PARALLEL_STARTS,
            daemon("dpu-agent-starter"));
    private ChainProbe probe;
    private volatile boolean closed;

    DpuDataPlane(SandboxDir dir, KubernetesClient dpuCluster) {
        this.dir = dir;
        this.dpuCluster = dpuCluster;
        this.cni = new PodInterfacePlugger(dpuCluster);
        this.log = dir.logs().resolve("dpu-data-plane.log");
    }

    /** Checks root and Open vSwitch, then starts serving the DPU cluster's Nodes in the background. */
    String start() {
        requireOpenVSwitchAndRoot();
        loop.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        return "a private Open vSwitch and a DPU-mode agent per Ready DPU node (log " + log + ")";
    }

    static void requireOpenVSwitchAndRoot() {
        if (!Files.isRegularFile(OVS_SCHEMA) || !Command.exec(List.of("sh", "-c", "command -v ovs-vswitchd"),
                Map.of(), Duration.ofSeconds(10)).succeeded()) {
            throw new IllegalStateException("the DPU data plane needs Open vSwitch: apt-get install "
                    + "openvswitch-switch (no " + OVS_SCHEMA + " or ovs-vswitchd)");
        }
        String uid = Command.exec(List.of("id", "-u"), Map.of(), Duration.ofSeconds(10)).stdout().strip();
        if (!"0".equals(uid)) {
            throw new IllegalStateException("the DPU data plane needs root (network namespaces, Open vSwitch); "
                    + "running as uid " + uid);
        }
    }

    private void tick() {
        try {
            Set<String> ready = readyNodes();
            for (String node : new TreeSet<>(switches.keySet())) {
                if (!ready.contains(node) || !switches.get(node).agentAlive()) {
                    note(node + (ready.contains(node) ? ": its agent exited (logs in " + dir.logs() + "); restarting"
                            : ": Node gone or not Ready; stopping") + " its switch and agent");
                    switches.remove(node).close();
                    programmedAt.remove(node);
                }
            }
            readyAt.keySet().retainAll(ready);
            for (String node : ready) {
                readyAt.putIfAbsent(node, Instant.now());
                DpuSwitch dpu = switches.get(node);
                if (dpu == null) {
                    startInBackground(node);
                    continue;
                }
                plug(dpu);
                noteProgrammed(node);
            }
        } catch (RuntimeException e) {
            if (!closed) {
                note("a pass failed: " + e);
            }
        }
    }

    /** Agents start two at a time: more JVMs starting at once on a small machine only slow each other down. */
    private void startInBackground(String node) {
        Instant failed = failedAt.get(node);
        if (failed != null && failed.plus(RETRY).isAfter(Instant.now()) || !starting.add(node)) {
            return;
        }
        starter.execute(() -> {
            try {
                startSwitch(node);
            } finally {
                starting.remove(node);
            }
        });
    }

    private void plug(DpuSwitch dpu) {
        String plugged = cni.plug(dpu);
        if (!plugged.isEmpty()) {
            note(dpu.node() + ": " + plugged);
        }
    }

    private void startSwitch(String node) {
        if (closed) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            DpuSwitch dpu = DpuSwitch.start(node, dir);
            if (closed) {
                dpu.close();
                return;
            }
            switches.put(node, dpu);
            failedAt.remove(node);
            note("%s: switch and agent up in %.1f s".formatted(node, (System.nanoTime() - t0) / 1e9));
            plug(dpu);
        } catch (RuntimeException e) {
            failedAt.put(node, Instant.now());
            if (!closed) {
                note(node + ": starting its switch or agent failed (retrying in " + RETRY.toSeconds() + " s): " + e);
            }
        }
    }

    private void noteProgrammed(String node) {
        if (programmedAt.containsKey(node)) {
            return;
        }
        List<ServiceChain> chains = dpuCluster.resources(ServiceChain.class).inAnyNamespace()
                .withLabel(Sfc.NODE_LABEL, node).list().getItems();
        if (!chains.isEmpty() && chains.stream().allMatch(ChainProbe::isProgrammed)) {
            Instant now = Instant.now();
            programmedAt.put(node, now);
            note("%s: %d chain(s) Programmed, %.1f s after its Node was Ready".formatted(node, chains.size(),
                    Duration.between(readyAt.getOrDefault(node, now), now).toMillis() / 1e3));
        }
    }

    private Set<String> readyNodes() {
        Set<String> ready = new TreeSet<>();
        for (Node node : dpuCluster.nodes().list().getItems()) {
            if (node.getMetadata().getDeletionTimestamp() == null && node.getStatus() != null
                    && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
                ready.add(node.getMetadata().getName());
            }
        }
        return ready;
    }

    /** When each node had its chains programmed, measured from the moment the data plane saw its Node Ready. */
    Map<String, Duration> programmed() {
        Map<String, Duration> times = new TreeMap<>();
        programmedAt.forEach((node, at) -> times.put(node, Duration.between(readyAt.getOrDefault(node, at), at)));
        return times;
    }

    /** The switch of a node, while it runs. */
    Optional<DpuSwitch> switchOf(String node) {
        return Optional.ofNullable(switches.get(node));
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Sends pings across the chain of the first node (by name) whose chains are programmed: host on the PF,
     * the network function's pod routing between its two interfaces, wire on the uplink. Returns the outcome
     * in one line; throws when no node is programmed or the packets do not cross.
     */
    synchronized String probe() {
        for (String node : new TreeSet<>(switches.keySet())) {
            if (programmedAt.containsKey(node)) {
                if (probe != null) {
                    probe.close();
                }
                probe = new ChainProbe(dpuCluster, switches.get(node));
                String outcome = probe.run();
                note(outcome);
                return outcome;
            }
        }
        throw new IllegalStateException("no DPU node has its chain programmed yet (of " + switches.size()
                + " with a switch); see " + log);
    }

    private void note(String line) {
        try {
            Files.writeString(log, Instant.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        loop.shutdownNow();
        starter.shutdown();
        try {
            loop.awaitTermination(30, TimeUnit.SECONDS);
            starter.awaitTermination(AGENT_STOP.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (probe != null) {
            probe.close();
        }
        for (DpuSwitch dpu : switches.values()) {
            dpu.close();
        }
        switches.clear();
    }
}
