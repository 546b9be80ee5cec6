package io.dpuplane.agent.dpu.ipam;

import io.dpuplane.apis.sfc.v1alpha1.IPAllocation;
import io.dpuplane.apis.sfc.v1alpha1.IPPool;
import io.dpuplane.apis.sfc.v1alpha1.IPPoolSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The node's IP pools across passes: each pool's block, taken once (through {@link BlockClaims}) and then
 * kept, seeded after a restart from what the pool's status recorded; and the addresses handed out from it.
 * The API server is asked only when a pool is new or its spec changed.
 */
public final class NodePools {

    private final BlockClaims claims;
    private final Map<String, Memo> memo = new HashMap<>();
    private Set<String> lastKept;

    /** What this node knows of one pool, by UID. */
    private record Memo(IPPoolSpec spec, PoolLayout.Block block, List<IPAllocation> allocations) {
    }

    public NodePools(BlockClaims claims) {
        this.claims = claims;
    }

    /** Settles the block of every pool (key: namespace/name), freeing the blocks of pools that are gone. */
    public Map<String, PoolView> settle(List<IPPool> pools) {
        Map<String, PoolView> views = new LinkedHashMap<>();
        Set<String> keep = new HashSet<>();
        Set<String> live = new HashSet<>();
        for (IPPool pool : pools) {
            String uid = pool.getMetadata().getUid();
            live.add(uid);
            PoolView view = settle(pool, memo.get(uid));
            views.put(key(pool), view);
            if (view.hasBlock()) {
                keep.add(pool.getMetadata().getNamespace() + "/" + BlockClaims.leaseName(view.block().cidr()));
            }
        }
        memo.keySet().retainAll(live);
        if (!keep.equals(lastKept)) {
            claims.releaseAllBut(keep);
            lastKept = keep;
        }
        return views;
    }

    private PoolView settle(IPPool pool, Memo known) {
        PoolLayout layout;
        try {
            layout = PoolLayout.of(pool.getSpec());
        } catch (IllegalArgumentException e) {
            memo.remove(pool.getMetadata().getUid());
            return new PoolView(pool, null, null, e.getMessage(), "InvalidSpec", null);
        }
        if (known != null && Objects.equals(known.spec(), pool.getSpec()) && known.block() != null) {
            return new PoolView(pool, layout, known.block(), null, null, null);
        }
        String recorded = known != null && known.block() != null ? known.block().cidr()
                : pool.getStatus() == null ? null : pool.getStatus().getBlock();
        List<IPAllocation> allocations = known != null ? known.allocations()
                : pool.getStatus() == null ? List.of() : pool.getStatus().getAllocations();
        BlockClaims.Claim claim;
        try {
            claim = claims.claim(pool, layout, recorded);
        } catch (RuntimeException e) {
            return new PoolView(pool, layout, null, "cannot take a block: " + e.getMessage(), "ClaimFailed", null);
        }
        memo.put(pool.getMetadata().getUid(), new Memo(pool.getSpec(), claim.block(), allocations));
        return claim.block() == null ? new PoolView(pool, layout, null, claim.problem(), "NoFreeBlock", null)
                : new PoolView(pool, layout, claim.block(), null, null, null);
    }

    /** Hands out addresses to the owners asking each pool (key: namespace/name), keeping what they hold. */
    public Map<String, PoolView> allocate(Map<String, PoolView> settled, Map<String, Set<String>> requests) {
        Map<String, PoolView> out = new LinkedHashMap<>();
        settled.forEach((key, view) -> {
            if (!view.hasBlock()) {
                out.put(key, view);
                return;
            }
            Memo known = memo.get(view.pool().getMetadata().getUid());
            Allocation allocation = Allocation.of(view.layout(), view.block(), known.allocations(),
                    requests.getOrDefault(key, Set.of()));
            memo.put(view.pool().getMetadata().getUid(), new Memo(known.spec(), known.block(), allocation.allocations()));
            out.put(key, view.withAllocation(allocation));
        });
        return out;
    }

    public static String key(IPPool pool) {
        return pool.getMetadata().getNamespace() + "/" + pool.getMetadata().getName();
    }
}
