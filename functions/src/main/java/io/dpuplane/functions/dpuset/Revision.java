package io.dpuplane.functions.dpuset;

import java.util.Map;

/**
 * What a DPU is provisioned with: the BFB, the flavor, and the node labels whose change rolls through the
 * set like a BFB change (a DPUDeployment's service versions; none for a plain DPUSet). A DPU whose revision
 * differs from its set's is outdated, and replacing it means provisioning or relabelling it again.
 */
public record Revision(String bfb, String flavor, Map<String, String> rolledLabels) {

    public Revision {
        rolledLabels = Map.copyOf(rolledLabels);
    }

    public Revision(String bfb, String flavor) {
        this(bfb, flavor, Map.of());
    }

    @Override
    public String toString() {
        return "BFB " + bfb + " with flavor " + flavor + (rolledLabels.isEmpty() ? "" : " and the current service revisions");
    }
}
