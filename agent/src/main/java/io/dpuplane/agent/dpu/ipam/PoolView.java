package io.dpuplane.agent.dpu.ipam;

import io.dpuplane.apis.sfc.v1alpha1.IPPool;

/**
 * A pool as this pass sees it: its layout and the node's block, or why there is none; and, once addresses
 * are handed out, the allocation.
 */
public record PoolView(IPPool pool, PoolLayout layout, PoolLayout.Block block, String problem, String reason,
        Allocation allocation) {

    PoolView withAllocation(Allocation value) {
        return new PoolView(pool, layout, block, problem, reason, value);
    }

    public boolean hasBlock() {
        return block != null;
    }
}
