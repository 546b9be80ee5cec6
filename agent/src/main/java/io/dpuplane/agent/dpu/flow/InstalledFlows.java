package io.dpuplane.agent.dpu.flow;

import io.dpuplane.agent.dpu.ovs.InstalledFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A bridge's dumped flows by cookie, leaving out what the switches learned (it comes and goes by itself). */
public final class InstalledFlows {

    private final Map<Long, List<String>> byCookie = new TreeMap<>(Long::compareUnsigned);

    public InstalledFlows(List<InstalledFlow> dump) {
        for (InstalledFlow flow : dump) {
            List<String> lines = byCookie.computeIfAbsent(flow.cookie(), c -> new ArrayList<>());
            if (flow.priority() != SwitchFlows.LEARNED_PRIORITY || flow.table() != 0) {
                lines.add(flow.text());
            }
        }
        byCookie.values().forEach(lines -> lines.sort(null));
    }

    /** Every cookie with a flow on the bridge, learned ones included. */
    public Set<Long> cookies() {
        return byCookie.keySet();
    }

    /** How many installed (not learned) flows carry the cookie. */
    public int count(long cookie) {
        return byCookie.getOrDefault(cookie, List.of()).size();
    }

    /** A digest of the installed flows of a cookie, in OVS's own printing. */
    public String fingerprint(long cookie) {
        return Fingerprints.of(byCookie.getOrDefault(cookie, List.of()));
    }
}
