package io.dpuplane.cli.sandbox;

import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.sfc.v1alpha1.ProgrammingStatus;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedPort;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedSwitch;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import io.dpuplane.testkit.os.NetworkNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proves a packet crosses a node's programmed chain of the quickstart's shape, {@code A → nf.in | nf.out → B}:
 * network namespaces stand in for the host behind A (the PF), the network function's pod (routing between
 * its two interfaces) and the wire behind B (the uplink); their devices are the br-sfc ports the agent
 * programmed. Pings host → wire, and reads the chain's flows back from Open vSwitch. Addresses are from
 * 198.18.0.0/15 (benchmarking), only inside these namespaces. Closing deletes the namespaces.
 */
final class ChainProbe implements AutoCloseable {

    static final String HOST = "198.18.0.2";
    static final String HOST_GATEWAY = "198.18.0.1";
    static final String WIRE = "198.18.16.2";
    static final String WIRE_GATEWAY = "198.18.16.1";
    private static final int PINGS = 3;
    private static final Pattern PING_SUMMARY = Pattern.compile("(\\d+) received");

    private final KubernetesClient dpuCluster;
    private final DpuSwitch dpu;
    private final List<NetworkNamespace> namespaces = new ArrayList<>();

    ChainProbe(KubernetesClient dpuCluster, DpuSwitch dpu) {
        this.dpuCluster = dpuCluster;
        this.dpu = dpu;
    }

    /** Builds the namespaces, pings, and returns the outcome in one line; throws when the packets do not cross. */
    String run() {
        ServiceChain chain = dpuCluster.resources(ServiceChain.class).inAnyNamespace()
                .withLabel(Sfc.NODE_LABEL, dpu.node()).list().getItems().stream().filter(ChainProbe::isProgrammed)
                .findFirst().orElseThrow(() -> new IllegalStateException("no Programmed ServiceChain on " + dpu.node()));
        List<ResolvedSwitch> switches = chain.getSpec().switches();
        if (switches.size() != 2 || switches.get(0).ports().size() != 2 || switches.get(1).ports().size() != 2) {
            throw new IllegalStateException("the probe needs a chain A → nf.in | nf.out → B; ServiceChain "
                    + chain.getMetadata().getName() + " has " + switches.size() + " switches");
        }
        String ns = chain.getMetadata().getNamespace();
        String hostPort = device(ns, switches.get(0).ports().get(0));
        String nfIn = device(ns, switches.get(0).ports().get(1));
        String nfOut = device(ns, switches.get(1).ports().get(0));
        String wirePort = device(ns, switches.get(1).ports().get(1));

        NetworkNamespace host = namespace("host");
        NetworkNamespace function = namespace("nf");
        NetworkNamespace wire = namespace("wire");
        attach(host, hostPort, HOST + "/24");
        attach(function, nfIn, HOST_GATEWAY + "/24");
        attach(function, nfOut, WIRE_GATEWAY + "/24");
        attach(wire, wirePort, WIRE + "/24");
        host.run("ip", "route", "add", "default", "via", HOST_GATEWAY);
        wire.run("ip", "route", "add", "default", "via", WIRE_GATEWAY);
        function.run("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");

        // ovs-ofctl prints cookies without leading zeros; the status may carry them (0x0699... is 0x699...).
        String cookie = chain.getStatus().getCookie() == null ? null
                : "0x" + Long.toHexString(Long.parseUnsignedLong(chain.getStatus().getCookie().replaceFirst("^0x", ""), 16));
        var ping = host.exec(Duration.ofSeconds(PINGS + 10L), "ping", "-c", String.valueOf(PINGS), "-i", "0.2",
                "-W", "2", WIRE);
        int received = received(ping.stdout());
        String flows = dpu.flows();
        long chainFlows = flows.lines().filter(l -> cookie != null && l.contains("cookie=" + cookie)).count();
        long usedFlows = flows.lines().filter(l -> cookie != null && l.contains("cookie=" + cookie)
                && !l.contains("n_packets=0,")).count();
        if (received < PINGS) {
            throw new IllegalStateException("no packet crossed the chain on node %s: host %s → %s → wire %s, %d/%d "
                    .formatted(dpu.node(), HOST, nfIn + "/" + nfOut, WIRE, received, PINGS) + "pings answered; "
                    + "br-sfc flows:\n" + flows);
        }
        if (usedFlows == 0) {
            throw new IllegalStateException("pings crossed br-sfc on node %s but none of the chain's %d flows "
                    .formatted(dpu.node(), chainFlows) + "(cookie " + cookie + ") matched them; br-sfc flows:\n" + flows);
        }
        return "a packet crossed the chain on node %s: host %s → forwarder → wire %s (%d/%d pings; %d of the chain's %d flows on br-sfc matched them)"
                .formatted(dpu.node(), HOST, WIRE, received, PINGS, usedFlows, chainFlows);
    }

    /** The br-sfc port of a chain port: its ServiceInterface's port, or the pod interface plugged for it. */
    private String device(String namespace, ResolvedPort port) {
        if (port.serviceInterface() != null) {
            ServiceInterface si = dpuCluster.resources(ServiceInterface.class).inNamespace(namespace)
                    .withName(port.serviceInterface()).get();
            if (si == null || si.getStatus() == null || si.getStatus().getOvsPort() == null) {
                throw new IllegalStateException("ServiceInterface " + namespace + "/" + port.serviceInterface()
                        + " has no port on br-sfc");
            }
            return si.getStatus().getOvsPort();
        }
        for (Pod pod : dpuCluster.pods().inAnyNamespace().withField("spec.nodeName", dpu.node())
                .withLabel(PodInterfacePlugger.SERVICE_LABEL, port.service().serviceID()).list().getItems()) {
            var plugged = dpu.podPort(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + "/"
                    + port.service().interfaceName());
            if (plugged.isPresent()) {
                return plugged.get();
            }
        }
        throw new IllegalStateException("no pod of service " + port.service().serviceID() + " on " + dpu.node()
                + " has interface " + port.service().interfaceName() + " plugged");
    }

    private NetworkNamespace namespace(String prefix) {
        NetworkNamespace ns = NetworkNamespace.create(prefix);
        namespaces.add(ns);
        return ns;
    }

    private void attach(NetworkNamespace ns, String device, String cidr) {
        dpu.moveDevice(device, ns.name());
        ns.run("ip", "addr", "add", cidr, "dev", device);
        ns.run("ip", "link", "set", device, "up");
    }

    private static int received(String pingOutput) {
        Matcher m = PING_SUMMARY.matcher(pingOutput);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static <S extends ProgrammingStatus> boolean isProgrammed(CustomResource<?, S> object) {
        S status = object.getStatus();
        if (status == null || status.getConditions() == null
                || !Objects.equals(status.getObservedGeneration(), object.getMetadata().getGeneration())) {
            return false;
        }
        return status.getConditions().stream().anyMatch(
                (Condition c) -> Sfc.PROGRAMMED_CONDITION.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        for (NetworkNamespace ns : namespaces) {
            ns.close();
        }
        namespaces.clear();
    }
}
