package io.dpuplane.agent.host;

import java.util.Optional;

/** One BlueField on this host as discovery found it: its PCI function, identity, and rshim device if any. */
public record HostDevice(String pciAddress, DpuModel model, String pciDeviceId, String serialNumber,
        String partNumber, Optional<RshimDevice> rshim) {

    /** The name the card's DPUDevice gets: the node and the PCI address, DNS-safe. */
    public String objectName(String nodeName) {
        return (nodeName + "-" + pciAddress.replace(':', '-').replace('.', '-')).toLowerCase();
    }
}
