package io.dpuplane.agent.emulator;

import io.dpuplane.agent.host.DpuModel;

/** Who an emulated BlueField is: its PCI address, rshim index, model, serial and part number. */
public record DeviceIdentity(String pciAddress, int rshimIndex, DpuModel model, String serialNumber,
        String partNumber) {
}
