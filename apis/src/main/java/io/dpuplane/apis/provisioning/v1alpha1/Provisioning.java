package io.dpuplane.apis.provisioning.v1alpha1;

/** The {@code provisioning.dpuplane.io} API group: BFBs, flavors, DPUs, DPU clusters and the inventory. */
public final class Provisioning {

    public static final String GROUP = "provisioning.dpuplane.io";
    public static final String VERSION = "v1alpha1";

    private Provisioning() {
    }
}
