package io.dpuplane.functions.dpuset;

/**
 * What a DPU is provisioned with: the BFB and the flavor. A DPU whose revision differs from its DPUSet's
 * is outdated, and replacing it means provisioning it again.
 */
record Revision(String bfb, String flavor) {

    @Override
    public String toString() {
        return "BFB " + bfb + " with flavor " + flavor;
    }
}
