package io.dpuplane.agent.dpu;

import io.dpuplane.agent.dpu.ipam.BlockClaims;
import io.dpuplane.agent.dpu.ipam.NodePools;
import io.dpuplane.agent.dpu.ovs.OvsClient;
import io.dpuplane.agent.dpu.sync.AgentHealth;
import io.dpuplane.agent.dpu.sync.NodeAgent;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The DPU-mode agent of one DPU: reconciles its node's ServiceInterfaces, ServiceChains and IPPools from the
 * DPU cluster onto Open vSwitch, level-triggered, on events from the cluster and OVS and on a resync timer.
 */
public final class DpuAgent implements AutoCloseable {

    private final NodeAgent agent;

    public DpuAgent(KubernetesClient client, OvsClient ovs, DpuAgentSettings settings) {
        this.agent = new NodeAgent(client, ovs, settings.node(), settings.ports(), settings.datapathType(),
                settings.resync(), new NodePools(new BlockClaims(client, settings.node())));
    }

    /** Starts watching and programming; returns once the caches are filled. */
    public void start() {
        agent.start();
    }

    /** Asks for a pass now, e.g. after a change the agent cannot see. */
    public void requestSync() {
        agent.requestSync();
    }

    /** How the agent is doing. */
    public AgentHealth health() {
        return agent.health();
    }

    @Override
    public void close() {
        agent.close();
    }
}
