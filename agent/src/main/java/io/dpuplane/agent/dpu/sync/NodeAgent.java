package io.dpuplane.agent.dpu.sync;

import io.dpuplane.agent.dpu.ipam.NodePools;
import io.dpuplane.agent.dpu.ovs.OvsClient;
import io.dpuplane.agent.dpu.port.PortLayout;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The running parts of the DPU agent: the informers on the node's objects, the OVS interface monitor, and
 * the loop that runs a {@link NodeSync} pass whenever either reports a change.
 */
public final class NodeAgent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeAgent.class);

    private final String node;
    private final OvsClient ovs;
    private final NodeObjects objects;
    private final SyncLoop loop;
    private final StatusWriter statuses;
    private AutoCloseable watch;

    public NodeAgent(KubernetesClient client, OvsClient ovs, String node, PortLayout layout, String datapathType,
            Duration resync, NodePools pools) {
        this.node = node;
        this.ovs = ovs;
        this.objects = new NodeObjects(client, node, this::requestSync);
        this.statuses = new StatusWriter(client);
        NodeSync sync = new NodeSync(objects, ovs, layout, datapathType, pools, statuses);
        this.loop = new SyncLoop(sync::pass, resync);
    }

    public void start() {
        objects.start();
        loop.start();
        watch = ovs.watch(loop::request);
        LOG.infof("DPU agent programming br-sfc for node %s", node);
    }

    public void requestSync() {
        loop.request();
    }

    public AgentHealth health() {
        SyncLoop.SyncState state = loop.state();
        return new AgentHealth(state.passes() > 0 && state.lastError() == null, state.passes(), state.lastSuccess(),
                state.lastError(), state.last());
    }

    @Override
    public void close() {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.debugf("closing the OVS watch: %s", e.getMessage());
            }
        }
        loop.close();
        statuses.close();
        objects.close();
    }
}
