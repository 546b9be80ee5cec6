package io.dpuplane.e2e.crossplane;

import io.dpuplane.agent.emulator.EmulatedDpu;
import io.dpuplane.agent.emulator.EmulatedHost;
import io.dpuplane.agent.host.AgentServer;
import io.dpuplane.agent.host.HostAgentService;
import io.dpuplane.agent.host.HostDevice;
import io.dpuplane.agent.host.HostDiscovery;
import io.dpuplane.agent.host.InventoryPublisher;
import io.dpuplane.agent.host.OperationJournal;
import io.dpuplane.agent.host.Operations;
import io.dpuplane.agent.host.RshimPort;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hosts full of emulated BlueFields, each with its host agent (mutual TLS) publishing the DPUNode and
 * DPUDevice inventory a DPUSet selects from, and a host Node in the host cluster. The agents share one
 * certificate, as the agent chart's DaemonSet mounts one Secret on every host.
 */
final class EmulatedFleet implements AutoCloseable {

    private final List<EmulatedHost> hosts = new ArrayList<>();
    private final List<Operations> operations = new ArrayList<>();
    private final List<AgentServer> agents = new ArrayList<>();

    /** The hosts' agents serve the certificate in {@code agentCerts} (tls.crt, tls.key, ca.crt). */
    EmulatedFleet(KubernetesClient client, String inventoryNamespace, Path agentCerts, Path root, int hostCount,
            int dpusPerHost) {
        for (int i = 0; i < hostCount; i++) {
            String name = "xp-host-" + i;
            EmulatedHost host = EmulatedHost.start(name, root.resolve(name), dpusPerHost, 0.002);
            hosts.add(host);
            HostDiscovery discovery = new HostDiscovery(host.devRoot(), host.sysRoot());
            Operations ops = new Operations(new OperationJournal(root.resolve(name + "-journal")),
                    pci -> rshim(discovery, pci), root.resolve(name + "-bfbs"), 2, Duration.ofMinutes(2),
                    Duration.ofSeconds(60));
            operations.add(ops);
            AgentServer agent = AgentServer.start(new InetSocketAddress("127.0.0.1", 0), agentCerts,
                    new HostAgentService(name, "e2e", discovery::discover, ops));
            agents.add(agent);
            new InventoryPublisher(client, inventoryNamespace, name, "localhost:" + agent.port(), "e2e")
                    .publish(discovery.discover(), Map.of());
            client.resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build()).serverSideApply();
        }
    }

    List<EmulatedDpu> dpus() {
        return hosts.stream().flatMap(host -> host.dpus().stream()).toList();
    }

    private static Optional<RshimPort> rshim(HostDiscovery discovery, String pci) {
        return discovery.discover().stream().filter(d -> d.pciAddress().equals(pci)).findFirst()
                .flatMap(HostDevice::rshim).map(RshimPort::new);
    }

    @Override
    public void close() {
        agents.forEach(AgentServer::close);
        operations.forEach(Operations::close);
        hosts.forEach(EmulatedHost::close);
    }
}
