package io.dpuplane.agent.dpu.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flow changes one pass makes on br-sfc: the chains whose flows are replaced (delete their cookie, add
 * the new flows: in one bundle, so no packet sees a half-updated chain), the cookies removed (deleted
 * chains, flows no chain owns), and the fingerprints stored on the bridge that no longer name a chain.
 */
public record FlowPlan(List<ChainFlows> replaced, Set<Long> removed, Set<String> staleFingerprints) {

    /** External id on br-sfc holding a chain's fingerprints: {@code <rendered>/<installed>}. */
    public static final String FINGERPRINT_PREFIX = "dpuplane-flows-";

    public FlowPlan {
        replaced = List.copyOf(replaced);
        removed = Set.copyOf(removed);
        staleFingerprints = Set.copyOf(staleFingerprints);
    }

    public boolean isEmpty() {
        return replaced.isEmpty() && removed.isEmpty() && staleFingerprints.isEmpty();
    }

    /** Every flow mod of the pass, in the order one bundle applies them. */
    public List<String> mods() {
        List<String> mods = new ArrayList<>();
        removed.stream().sorted(Long::compareUnsigned).forEach(c -> mods.add(delete(c)));
        replaced.forEach(chain -> mods.addAll(mods(chain)));
        return mods;
    }

    /** The flow mods that replace one chain's flows. */
    public static List<String> mods(ChainFlows chain) {
        List<String> mods = new ArrayList<>();
        mods.add(delete(chain.cookie()));
        chain.flows().forEach(f -> mods.add("add " + f));
        return mods;
    }

    public static String delete(long cookie) {
        return "delete cookie=" + ChainCookie.hex(cookie) + "/-1";
    }

    public static String fingerprintKey(long cookie) {
        return FINGERPRINT_PREFIX + ChainCookie.hex(cookie).substring(2);
    }

    /** What is stored for a chain once its flows are in: what was rendered, and how OVS prints it. */
    public static String fingerprintValue(ChainFlows chain, InstalledFlows installed) {
        return chain.fingerprint() + "/" + installed.fingerprint(chain.cookie());
    }

    /** The stored fingerprints, from br-sfc's external_ids. */
    public static Map<String, String> stored(Map<String, String> bridgeIds) {
        return Map.copyOf(bridgeIds.entrySet().stream().filter(e -> e.getKey().startsWith(FINGERPRINT_PREFIX))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
