package io.dpuplane.agent.dpu.sync;

import io.dpuplane.agent.dpu.flow.ChainFlows;
import io.dpuplane.agent.dpu.flow.ChainPlan;
import io.dpuplane.agent.dpu.flow.ChainResolver;
import io.dpuplane.agent.dpu.flow.FlowProgrammer;
import io.dpuplane.agent.dpu.ipam.NodePools;
import io.dpuplane.agent.dpu.ipam.PoolView;
import io.dpuplane.agent.dpu.ovs.OvsChange;
import io.dpuplane.agent.dpu.ovs.OvsClient;
import io.dpuplane.agent.dpu.ovs.OvsSnapshot;
import io.dpuplane.agent.dpu.port.PodPorts;
import io.dpuplane.agent.dpu.port.PortLayout;
import io.dpuplane.agent.dpu.port.PortOutcome;
import io.dpuplane.agent.dpu.port.PortPlan;
import io.dpuplane.agent.dpu.port.PortPlanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One level-triggered pass over the node: take the IP blocks, bring br-sfc's ports to the ServiceInterfaces,
 * resolve the chains to OpenFlow ports, hand out addresses, bring the flows to the chains (one bundle), and
 * report every object's outcome in its status. Everything is computed from the whole current state, so a
 * pass after a restart, a missed event or a hand-made change converges the same way. br-sfc is created when
 * missing, and kept {@code fail_mode=secure}: without flows it must drop, not switch.
 */
final class NodeSync {

    private final NodeObjects objects;
    private final OvsClient ovs;
    private final PortLayout layout;
    private final String datapathType;
    private final PortPlanner ports;
    private final FlowProgrammer flows;
    private final NodePools pools;
    private final StatusReport statuses;

    NodeSync(NodeObjects objects, OvsClient ovs, PortLayout layout, String datapathType, NodePools pools,
            StatusWriter writer) {
        this.objects = objects;
        this.ovs = ovs;
        this.layout = layout;
        this.datapathType = datapathType;
        this.ports = new PortPlanner(layout);
        this.flows = new FlowProgrammer(ovs, layout.bridge());
        this.pools = pools;
        this.statuses = new StatusReport(writer);
    }

    PassReport pass(boolean full) {
        long started = System.nanoTime();
        if (full) {
            statuses.forget();
        }
        NodeView view = objects.view();
        Map<String, PoolView> settled = pools.settle(view.pools());

        int ovsdbChanges = 0;
        List<String> bridges = List.of(layout.bridge(), layout.ovnBridge());
        OvsSnapshot snapshot = ovs.read(bridges);
        OvsSnapshot.Bridge bridge = snapshot.bridge(layout.bridge()).orElse(null);
        if (bridge == null || !"secure".equals(bridge.failMode())) {
            ovs.apply(List.of(new OvsChange.EnsureBridge(layout.bridge(), bridge == null ? datapathType : null,
                    "secure")));
            ovsdbChanges++;
            snapshot = ovs.read(bridges);
        }
        PortPlan portPlan = ports.plan(view.interfaces(), snapshot);
        if (!portPlan.changes().isEmpty()) {
            ovs.apply(portPlan.changes());
            ovsdbChanges += portPlan.changes().size();
            if (portPlan.changes().stream().anyMatch(c -> !(c instanceof OvsChange.ExternalIds))) {
                snapshot = ovs.read(bridges);
            }
        }
        PodPorts podPorts = new PodPorts(view.pods(), snapshot, layout.bridge());
        Map<String, PortOutcome> interfaces = portPlan.outcomes(view.interfaces(), snapshot, podPorts);
        Map<String, ChainPlan> chains = new ChainResolver(interfaces, podPorts).resolve(view.chains());

        Map<String, Set<String>> requests = new HashMap<>();
        chains.values().forEach(c -> c.addresses().forEach(
                r -> requests.computeIfAbsent(r.pool(), p -> new TreeSet<>()).add(r.owner())));
        Map<String, PoolView> allocated = pools.allocate(settled, requests);

        List<ChainFlows> wanted = new ArrayList<>();
        chains.values().forEach(c -> wanted.add(c.flows()));
        FlowProgrammer.Result flowResult = flows.program(wanted,
                snapshot.bridge(layout.bridge()).map(OvsSnapshot.Bridge::externalIds).orElse(Map.of()));

        statuses.interfaces(view.interfaces(), interfaces, allocated);
        statuses.chains(view.chains(), chains, allocated, flowResult);
        statuses.pools(view.pools(), allocated);
        int written = statuses.staged();
        statuses.retain(uids(view));
        int programmed = (int) chains.keySet().stream().filter(k -> statuses.programmedChains().contains(k)).count();
        int installed = chains.values().stream()
                .mapToInt(c -> flowResult.installed().count(c.flows().cookie())).sum();
        return new PassReport(ovsdbChanges, flowResult.flowMods(), written, chains.size(), programmed, installed,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static Set<String> uids(NodeView view) {
        Set<String> uids = new HashSet<>();
        view.interfaces().forEach(o -> uids.add(o.getMetadata().getUid()));
        view.chains().forEach(o -> uids.add(o.getMetadata().getUid()));
        view.pools().forEach(o -> uids.add(o.getMetadata().getUid()));
        return uids;
    }
}
