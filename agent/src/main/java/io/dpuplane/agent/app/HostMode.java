package io.dpuplane.agent.app;

import io.dpuplane.agent.host.AgentServer;
import io.dpuplane.agent.host.HostAgentService;
import io.dpuplane.agent.host.HostDevice;
import io.dpuplane.agent.host.HostDiscovery;
import io.dpuplane.agent.host.InventoryPublisher;
import io.dpuplane.agent.host.OperationJournal;
import io.dpuplane.agent.host.Operations;
import io.dpuplane.agent.host.RshimPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The agent on a host node: discovers the BlueFields, publishes them with a heartbeat, and serves the
 * mutual-TLS API the provider flashes them through. Runs when {@code dpuplane.agent.mode=host}.
 */
@ApplicationScoped
public class HostMode {

    private static final Logger LOG = Logger.getLogger(HostMode.class);

    private final AgentSettings settings;
    private final KubernetesClient client;
    private Operations operations;
    private AgentServer server;
    private ScheduledExecutorService refresher;

    public HostMode(AgentSettings settings, KubernetesClient client) {
        this.settings = settings;
        this.client = client;
    }

    void start(@Observes StartupEvent event) {
        if (!"host".equals(settings.mode())) {
            return;
        }
        String node = settings.nodeName().orElseThrow(() -> new IllegalStateException(
                "dpuplane.agent.node-name (env DPUPLANE_AGENT_NODE_NAME) must name this node"));
        HostDiscovery discovery = new HostDiscovery(settings.devRoot(), settings.sysRoot());
        operations = new Operations(new OperationJournal(settings.stateDir().resolve("operations")),
                pci -> rshimOf(discovery, pci), settings.stateDir().resolve("bfbs"), settings.keptBfbs(),
                settings.bootTimeout(), settings.stallTimeout());
        server = AgentServer.start(new InetSocketAddress(settings.grpcPort()), settings.tlsCertsDir(),
                new HostAgentService(node, version(), discovery::discover, operations));
        String endpoint = settings.advertiseAddress().orElse(node + ":" + server.port());
        InventoryPublisher publisher = new InventoryPublisher(client, settings.inventoryNamespace(), node, endpoint,
                version());
        refresher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "inventory"));
        refresher.scheduleWithFixedDelay(() -> refresh(discovery, publisher), 0,
                settings.inventoryInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("host agent for %s: devices under %s and %s, API on :%d", node, settings.devRoot(),
                settings.sysRoot(), server.port());
    }

    private void refresh(HostDiscovery discovery, InventoryPublisher publisher) {
        try {
            List<HostDevice> devices = discovery.discover();
            publisher.publish(devices, operations.installedVersions());
        } catch (RuntimeException e) {
            LOG.warnf("cannot publish the inventory: %s", e.getMessage());
        }
    }

    private static Optional<RshimPort> rshimOf(HostDiscovery discovery, String pci) {
        return discovery.rshimOf(pci).map(RshimPort::new);
    }

    /** The port the API listens on, once started. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    static String version() {
        return Optional.ofNullable(HostMode.class.getPackage().getImplementationVersion()).orElse("dev");
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
        if (operations != null) {
            operations.close();
        }
    }
}
