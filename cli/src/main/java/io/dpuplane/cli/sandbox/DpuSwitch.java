package io.dpuplane.cli.sandbox;

import io.dpuplane.testkit.apps.AppLauncher;
import io.dpuplane.testkit.apps.FreePort;
import io.dpuplane.testkit.apps.QuarkusApp;
import io.dpuplane.testkit.apps.Readiness;
import io.dpuplane.testkit.apps.RunningProcess;
import io.dpuplane.testkit.os.Command;
import io.dpuplane.testkit.ovs.PrivateOpenVSwitch;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One emulated DPU's data plane: a private Open vSwitch (its own network namespace, userspace datapath) with
 * the bridge and ports the DPU's flavor creates (br-sfc with the uplinks p0/p1 and the host PF representors
 * pf0hpf/pf1hpf, as internal ports), and the DPU-mode agent of the DPU's Node programming it from the DPU
 * cluster. Every port's device stays in the switch's namespace until {@link #moveDevice} hands it out.
 */
final class DpuSwitch implements AutoCloseable {

    static final String BRIDGE = "br-sfc";
    static final List<String> FLAVOR_PORTS = List.of("p0", "p1", "pf0hpf", "pf1hpf");
    /** The external_ids key the CNI marks a pod interface's port with ({@code <ns>/<pod>/<interface>}). */
    static final String POD_MARK = "dpuplane-pod";
    private static final Duration AGENT_START = Duration.ofSeconds(120);
    private static final Duration DEVICE_WAIT = Duration.ofSeconds(20);

    private final String node;
    private final PrivateOpenVSwitch ovs;
    private final Map<String, String> podPorts = new HashMap<>();
    private RunningProcess agent;

    private DpuSwitch(String node, PrivateOpenVSwitch ovs) {
        this.node = node;
        this.ovs = ovs;
    }

    /** Starts the switch, creates the flavor's bridge and ports, and starts the node's agent against it. */
    static DpuSwitch start(String node, SandboxDir dir) {
        DpuSwitch dpu = new DpuSwitch(node, PrivateOpenVSwitch.start());
        try {
            dpu.ovs.addBridge(BRIDGE);
            for (String port : FLAVOR_PORTS) {
                dpu.addInternalPort(port, Map.of());
            }
            dpu.agent = startAgent(node, dpu.ovs, dir);
            return dpu;
        } catch (RuntimeException e) {
            dpu.close();
            throw e;
        }
    }

    private static RunningProcess startAgent(String node, PrivateOpenVSwitch ovs, SandboxDir dir) {
        int http = FreePort.pick();
        return AppLauncher.of(QuarkusApp.AGENT).jvmOption("-Xmx192m")
                .property("quarkus.http.port", Integer.toString(http))
                .property("dpuplane.agent.mode", "dpu")
                .property("dpuplane.agent.node-name", node)
                .property("dpuplane.agent.dpu.bridge", BRIDGE)
                .property("dpuplane.agent.dpu.datapath-type", "netdev")
                .property("dpuplane.agent.dpu.ovs-run-dir", ovs.dir().toString())
                .property("dpuplane.agent.dpu.resync", "10s")
                .env("KUBECONFIG", dir.dpuKubeconfig().toString())
                .logTo(dir.logs().resolve("agent-dpu-" + node + ".log"))
                .readyWhen(Readiness.httpOk(URI.create("http://127.0.0.1:" + http + "/q/health/ready")))
                .start(AGENT_START);
    }

    String node() {
        return node;
    }

    /**
     * Plugs a pod's interface as the CNI does, once: an internal port marked with the pod and interface
     * ({@code <ns>/<pod>/<interface>}); returns the port's name.
     */
    synchronized String plugPodInterface(String owner) {
        String port = podPorts.get(owner);
        if (port == null) {
            port = "pod" + String.format("%08x", owner.hashCode());
            addInternalPort(port, Map.of(POD_MARK, owner));
            podPorts.put(owner, port);
        }
        return port;
    }

    /** Unplugs a pod's interface (its pod is gone): removes its port. */
    synchronized void unplugPodInterface(String owner) {
        String port = podPorts.remove(owner);
        if (port != null) {
            ovs.vsctl("--if-exists", "del-port", BRIDGE, port);
        }
    }

    /** The pod interfaces plugged ({@code <ns>/<pod>/<interface>}). */
    synchronized Set<String> podInterfaces() {
        return Set.copyOf(podPorts.keySet());
    }

    /** The port plugged for a pod interface ({@code <ns>/<pod>/<interface>}), if any. */
    synchronized Optional<String> podPort(String owner) {
        return Optional.ofNullable(podPorts.get(owner));
    }

    private void addInternalPort(String port, Map<String, String> externalIds) {
        StringBuilder ids = new StringBuilder();
        externalIds.forEach((k, v) -> ids.append(ids.length() == 0 ? "" : ",").append(k).append("=\"").append(v)
                .append('"'));
        if (externalIds.isEmpty()) {
            ovs.vsctl("--may-exist", "add-port", BRIDGE, port, "--", "set", "Interface", port, "type=internal");
        } else {
            ovs.vsctl("--may-exist", "add-port", BRIDGE, port, "--", "set", "Interface", port, "type=internal",
                    "external_ids={" + ids + "}");
        }
    }

    /** Moves a port's device from the switch's namespace into another one, once ovs-vswitchd has made it. */
    void moveDevice(String device, String namespace) {
        long deadline = System.nanoTime() + DEVICE_WAIT.toNanos();
        List<String> show = List.of("ip", "-n", ovs.namespace().name(), "link", "show", device);
        while (!Command.exec(show, Map.of(), Duration.ofSeconds(10)).succeeded()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ovs-vswitchd of " + node + " made no device " + device + " in "
                        + DEVICE_WAIT.toSeconds() + " s");
            }
            pause();
        }
        Command.run("ip", "-n", ovs.namespace().name(), "link", "set", device, "netns", namespace);
    }

    /** {@code ovs-ofctl dump-flows br-sfc}. */
    String flows() {
        return ovs.ofctl("dump-flows", BRIDGE);
    }

    boolean agentAlive() {
        return agent != null && agent.isAlive();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.close();
        }
        ovs.close();
    }
}
