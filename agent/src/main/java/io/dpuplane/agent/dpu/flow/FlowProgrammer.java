package io.dpuplane.agent.dpu.flow;

import io.dpuplane.agent.dpu.ovs.OvsChange;
import io.dpuplane.agent.dpu.ovs.OvsClient;
import io.dpuplane.agent.dpu.ovs.OvsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings br-sfc's flows to what the chains need: one atomic bundle for the whole pass; if OVS refuses it,
 * each chain's change is tried in a bundle of its own, so one bad chain reports its error and the others
 * still get their flows. Then records each replaced chain's fingerprints on the bridge.
 */
public final class FlowProgrammer {

    private final OvsClient ovs;
    private final String bridge;

    public FlowProgrammer(OvsClient ovs, String bridge) {
        this.ovs = ovs;
        this.bridge = bridge;
    }

    /**
     * What a pass did to the flows.
     *
     * @param installed the bridge's flows after the pass
     * @param errors OVS's error for each chain (namespace/name) whose flows could not be installed
     * @param flowMods how many flow mods were sent
     */
    public record Result(InstalledFlows installed, Map<String, String> errors, int flowMods) {
    }

    public Result program(List<ChainFlows> chains, Map<String, String> bridgeIds) {
        InstalledFlows before = new InstalledFlows(ovs.dumpFlows(bridge));
        FlowPlan plan = FlowPlanner.plan(chains, before, FlowPlan.stored(bridgeIds));
        if (plan.isEmpty()) {
            return new Result(before, Map.of(), 0);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> mods = plan.mods();
        int sent = mods.size();
        try {
            ovs.bundle(bridge, mods);
        } catch (OvsException whole) {
            sent += applyOneByOne(plan, errors);
        }
        InstalledFlows after = new InstalledFlows(ovs.dumpFlows(bridge));
        Map<String, String> set = new HashMap<>();
        Set<String> remove = new HashSet<>(plan.staleFingerprints());
        for (ChainFlows chain : plan.replaced()) {
            String key = FlowPlan.fingerprintKey(chain.cookie());
            if (!errors.containsKey(chain.key()) && after.count(chain.cookie()) != chain.flows().size()) {
                errors.put(chain.key(), "OVS holds " + after.count(chain.cookie()) + " of the chain's "
                        + chain.flows().size() + " flows after installing them");
            }
            if (errors.containsKey(chain.key())) {
                remove.add(key);
            } else {
                set.put(key, FlowPlan.fingerprintValue(chain, after));
            }
        }
        remove.removeAll(set.keySet());
        remove.retainAll(bridgeIds.keySet());
        if (!set.isEmpty() || !remove.isEmpty()) {
            ovs.apply(List.of(new OvsChange.MarkBridge(bridge, set, remove)));
        }
        return new Result(after, errors, sent);
    }

    private int applyOneByOne(FlowPlan plan, Map<String, String> errors) {
        int sent = 0;
        List<String> removals = new ArrayList<>();
        plan.removed().forEach(c -> removals.add(FlowPlan.delete(c)));
        if (!removals.isEmpty()) {
            ovs.bundle(bridge, removals);
            sent += removals.size();
        }
        for (ChainFlows chain : plan.replaced()) {
            List<String> mods = FlowPlan.mods(chain);
            try {
                ovs.bundle(bridge, mods);
                sent += mods.size();
            } catch (OvsException e) {
                errors.put(chain.key(), e.getMessage());
            }
        }
        return sent;
    }
}
