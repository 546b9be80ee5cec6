package io.dpuplane.agent.dpu;

import io.dpuplane.agent.app.AgentSettings;
import io.dpuplane.agent.dpu.ovs.OvsCli;
import io.dpuplane.agent.dpu.port.PortLayout;
import io.dpuplane.agent.dpu.sync.AgentHealth;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;

/**
 * The agent on a DPU: programs br-sfc from this node's ServiceInterfaces, ServiceChains and IPPools in the DPU
 * cluster. Runs when {@code dpuplane.agent.mode=dpu}; the node name is this DPU's Node in the DPU cluster.
 */
@ApplicationScoped
public class DpuMode {

    private final AgentSettings settings;
    private final DpuModeConfig config;
    private final Instance<KubernetesClient> client;
    private DpuAgent agent;

    DpuMode(AgentSettings settings, DpuModeConfig config, Instance<KubernetesClient> client) {
        this.settings = settings;
        this.config = config;
        this.client = client;
    }

    void start(@Observes StartupEvent event) {
        if (!"dpu".equals(settings.mode())) {
            return;
        }
        String node = settings.nodeName().filter(n -> !n.isBlank()).orElseThrow(() -> new IllegalStateException(
                "dpuplane.agent.node-name (env DPUPLANE_AGENT_NODE_NAME) must name this DPU's Node in the DPU cluster"));
        PortLayout layout = new PortLayout(config.bridge(), config.ovnBridge(), config.representorPortType().orElse(""));
        agent = new DpuAgent(client.get(), new OvsCli(config.ovsRunDir(), Map.of(), config.ovsTimeout()),
                new DpuAgentSettings(node, layout, config.datapathType(), config.resync()));
        agent.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (agent != null) {
            agent.close();
        }
    }

    /** The agent's health, when the DPU mode runs. */
    public Optional<AgentHealth> health() {
        return Optional.ofNullable(agent).map(DpuAgent::health);
    }
}
