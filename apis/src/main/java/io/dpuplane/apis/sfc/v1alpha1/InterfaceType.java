package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a service interface attaches to {@code br-sfc}. */
public enum InterfaceType {
    /** A host VF representor, {@code pf<P>vf<V>}. */
    @JsonProperty("vf")
    VF,
    /** A host PF representor, {@code pf<P>hpf}. */
    @JsonProperty("pf")
    PF,
    /** A physical uplink port of the DPU, e.g. {@code p0}. */
    @JsonProperty("physical")
    PHYSICAL,
    /** An interface of a network function's pod, plugged by the CNI. */
    @JsonProperty("service")
    SERVICE,
    /** The patch pair between OVN-Kubernetes' {@code br-ovn} and {@code br-sfc}. */
    @JsonProperty("ovn")
    OVN
}
