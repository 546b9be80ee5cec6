package io.dpuplane.agent.dpu.port;

import io.dpuplane.agent.dpu.ovs.OvsSnapshot;

/**
 * Where an interface ended up on br-sfc: its port, OpenFlow port number and MAC, and who holds its address
 * (the ServiceInterface, or the pod interface); or why it is not usable, in OVS's words where OVS said why.
 */
public record PortOutcome(String port, int ofport, String mac, String addressOwner, String problem) {

    static PortOutcome of(OvsSnapshot.Interface iface, String addressOwner) {
        if (iface.error() != null && !iface.error().isEmpty()) {
            return new PortOutcome(iface.name(), iface.ofport(), iface.mac(), addressOwner, iface.error());
        }
        if (iface.ofport() <= 0) {
            return new PortOutcome(iface.name(), iface.ofport(), iface.mac(), addressOwner,
                    "OVS has not given port " + iface.name() + " an OpenFlow port number");
        }
        return new PortOutcome(iface.name(), iface.ofport(), iface.mac(), addressOwner, null);
    }

    static PortOutcome failed(String problem) {
        return new PortOutcome(null, 0, null, null, problem);
    }

    PortOutcome ownedBy(String owner) {
        return new PortOutcome(port, ofport, mac, owner, problem);
    }

    public boolean usable() {
        return problem == null;
    }
}
