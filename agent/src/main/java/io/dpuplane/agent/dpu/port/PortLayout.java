package io.dpuplane.agent.dpu.port;

import io.dpuplane.apis.sfc.v1alpha1.InterfaceType;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterfaceSpec;
import java.util.List;
import java.util.Map;

/**
 * Which ports each kind of ServiceInterface is, with DPF's names: a VF is its representor {@code pf<P>vf<V>},
 * a PF {@code pf<P>hpf}, an uplink its own name, OVN the patch pair {@code puplinkbrsfc}/{@code puplinkbrovn};
 * a service interface is plugged by the CNI, so the agent creates nothing for it.
 *
 * @param bridge the chaining bridge, {@code br-sfc}
 * @param ovnBridge OVN-Kubernetes' external bridge, {@code br-ovn}
 * @param representorType the interface type of VF, PF and uplink ports (empty for system devices; {@code dpdk}
 *     with OVS-DOCA)
 */
public record PortLayout(String bridge, String ovnBridge, String representorType) {

    static final String OVN_PATCH_ON_SFC = "puplinkbrsfc";
    static final String OVN_PATCH_ON_OVN = "puplinkbrovn";

    /** The ports, the first being the one on {@link #bridge()} that chains use. */
    List<DesiredPort> portsOf(ServiceInterfaceSpec spec) {
        InterfaceType type = spec.getInterfaceType();
        if (type == null) {
            throw new IllegalArgumentException("interfaceType is not set");
        }
        return switch (type) {
            case VF -> List.of(system("pf" + required(spec.getVf(), "vf").pfID() + "vf" + spec.getVf().vfID()));
            case PF -> List.of(system("pf" + required(spec.getPf(), "pf").pfID() + "hpf"));
            case PHYSICAL -> List.of(system(required(spec.getPhysical(), "physical").interfaceName()));
            case OVN -> List.of(
                    new DesiredPort(bridge, OVN_PATCH_ON_SFC, "patch", Map.of("peer", OVN_PATCH_ON_OVN)),
                    new DesiredPort(ovnBridge, OVN_PATCH_ON_OVN, "patch", Map.of("peer", OVN_PATCH_ON_SFC)));
            case SERVICE -> List.of();
        };
    }

    private static <T> T required(T details, String field) {
        if (details == null) {
            throw new IllegalArgumentException("interfaceType " + field + " needs " + field + " set");
        }
        return details;
    }

    private DesiredPort system(String name) {
        return new DesiredPort(bridge, name, representorType, Map.of());
    }
}
