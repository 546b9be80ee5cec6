package io.dpuplane.apis.sfc.v1alpha1;

/**
 * The {@code sfc.dpuplane.io} API group: per-node service function chaining objects inside a DPU cluster
 * (ServiceInterface, ServiceChain, IPPool), written by the provider and programmed by the DPU's agent.
 */
public final class Sfc {

    public static final String GROUP = "sfc.dpuplane.io";
    public static final String VERSION = "v1alpha1";

    /** Label on every sfc object: the DPU node it is for, so an agent lists only its own. */
    public static final String NODE_LABEL = "sfc.dpuplane.io/node";

    /** Label on every sfc object: kind of the host-cluster object it mirrors, e.g. DPUServiceInterface. */
    public static final String OWNER_KIND_LABEL = "sfc.dpuplane.io/owner-kind";

    /** Label on every sfc object: namespace of the host-cluster object it mirrors. */
    public static final String OWNER_NAMESPACE_LABEL = "sfc.dpuplane.io/owner-namespace";

    /** Label on every sfc object: name of the host-cluster object it mirrors. */
    public static final String OWNER_NAME_LABEL = "sfc.dpuplane.io/owner-name";

    /** Condition type the agent sets on every sfc object: True once it is applied on the node. */
    public static final String PROGRAMMED_CONDITION = "Programmed";

    private Sfc() {
    }
}
