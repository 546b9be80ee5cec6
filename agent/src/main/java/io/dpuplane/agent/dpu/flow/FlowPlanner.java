package io.dpuplane.agent.dpu.flow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the flows every chain should have with what br-sfc holds. A chain is up to date when the
 * fingerprint stored on the bridge says its rendered flows are the ones installed and the installed flows
 * still print the same, so a restarted agent changes nothing, while a flow deleted or changed by hand, or
 * lost with an ovs-vswitchd restart, is put back. Every flow whose cookie is no chain's is removed: the
 * agent owns br-sfc's flow table (it is {@code fail_mode=secure}, so a stray flow could bypass a network
 * function).
 */
public final class FlowPlanner {

    private FlowPlanner() {
    }

    public static FlowPlan plan(List<ChainFlows> chains, InstalledFlows installed, Map<String, String> stored) {
        List<ChainFlows> replaced = new ArrayList<>();
        Set<Long> live = new HashSet<>();
        Set<String> liveKeys = new HashSet<>();
        for (ChainFlows chain : chains) {
            if (chain.flows().isEmpty()) {
                continue;
            }
            live.add(chain.cookie());
            String key = FlowPlan.fingerprintKey(chain.cookie());
            liveKeys.add(key);
            String expected = FlowPlan.fingerprintValue(chain, installed);
            if (!expected.equals(stored.get(key)) || installed.count(chain.cookie()) != chain.flows().size()) {
                replaced.add(chain);
            }
        }
        Set<Long> removed = new HashSet<>();
        for (long cookie : installed.cookies()) {
            if (!live.contains(cookie)) {
                removed.add(cookie);
            }
        }
        Set<String> stale = new HashSet<>(stored.keySet());
        stale.removeAll(liveKeys);
        return new FlowPlan(replaced, removed, stale);
    }
}
