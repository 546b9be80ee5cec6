package io.dpuplane.functions.dpunetwork;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.google.protobuf.Struct;
import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.dpuplane.apis.crossplane.Reference;
import io.dpuplane.functions.sdk.CannotComposeException;
import io.dpuplane.functions.sdk.Structs;
import java.util.List;
import java.util.Map;

/**
 * The spec of a DPUNetwork composite ({@code compositions/dpunetwork/xrd.yaml}): the host VFs the
 * developer's pods get, the network functions their traffic crosses in order, the uplink it leaves by, and
 * the pool their addresses come from.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record DPUNetworkSpec(
        Reference dpuClusterRef,
        Map<String, String> nodeSelector,
        Host host,
        List<NetworkFunction> networkFunctions,
        Uplink uplink,
        Map<String, Object> ipam,
        ProviderConfigReference providerConfigRef) {

    /** The host side: VFs of one PF, handed to pods by an SR-IOV device plugin resource. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Host(Integer pfID, List<Integer> vfIDs, String resourceName) {
    }

    /** A network function on the DPU, by service ID, with its pod-side and uplink-side interfaces. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NetworkFunction(String serviceID, String podSide, String uplinkSide) {
    }

    /** Where traffic leaves the DPU: a physical port to attach, or an existing DPUServiceInterface. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Uplink(String interfaceName, Reference interfaceRef) {
    }

    static DPUNetworkSpec read(Struct spec, String owner) {
        DPUNetworkSpec read;
        try {
            read = Structs.read(spec, DPUNetworkSpec.class);
        } catch (IllegalArgumentException e) {
            throw new CannotComposeException(owner + ": " + e.getMessage());
        }
        read.check(owner);
        return read;
    }

    List<NetworkFunction> functions() {
        return networkFunctions == null ? List.of() : networkFunctions;
    }

    Map<String, String> dpuNodes() {
        return nodeSelector == null ? Map.of() : nodeSelector;
    }

    private void check(String owner) {
        if (dpuClusterRef == null || dpuClusterRef.name() == null || dpuClusterRef.name().isEmpty()) {
            throw new CannotComposeException(owner + ": spec.dpuClusterRef.name is required");
        }
        if (host == null || host.pfID() == null || host.vfIDs() == null || host.vfIDs().isEmpty()
                || host.resourceName() == null || host.resourceName().isEmpty()) {
            throw new CannotComposeException(owner + ": spec.host needs pfID, vfIDs and resourceName");
        }
        if (uplink == null || (uplink.interfaceName() == null) == (uplink.interfaceRef() == null)) {
            throw new CannotComposeException(owner + ": spec.uplink sets exactly one of interfaceName or "
                    + "interfaceRef");
        }
        for (int i = 0; i < functions().size(); i++) {
            NetworkFunction function = functions().get(i);
            if (function.serviceID() == null || function.podSide() == null || function.uplinkSide() == null) {
                throw new CannotComposeException(owner + ": spec.networkFunctions[" + i + "] needs serviceID, "
                        + "podSide and uplinkSide");
            }
        }
        if (ipam == null || !ipam.containsKey("cidr") || !ipam.containsKey("perNodeBlockSize")) {
            throw new CannotComposeException(owner + ": spec.ipam needs cidr and perNodeBlockSize");
        }
    }
}
