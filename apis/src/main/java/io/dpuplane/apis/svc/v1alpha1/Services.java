package io.dpuplane.apis.svc.v1alpha1;

/**
 * The {@code svc.dpuplane.io} API group: what runs on DPUs once they are provisioned (DPUServices) and how
 * traffic flows through it (service interfaces, chains, IPAM).
 */
public final class Services {

    public static final String GROUP = "svc.dpuplane.io";
    public static final String VERSION = "v1alpha1";

    private Services() {
    }
}
