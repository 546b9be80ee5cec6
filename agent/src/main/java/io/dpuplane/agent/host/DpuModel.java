package io.dpuplane.agent.host;

import java.util.Arrays;
import java.util.Optional;

/** The BlueField generations, by their PCI device id (vendor 15b3). */
public enum DpuModel {
    BLUEFIELD_2("a2d6", "BlueField-2"),
    BLUEFIELD_3("a2dc", "BlueField-3");

    public static final String MELLANOX_VENDOR = "15b3";

    private final String pciDeviceId;
    private final String displayName;

    DpuModel(String pciDeviceId, String displayName) {
        this.pciDeviceId = pciDeviceId;
        this.displayName = displayName;
    }

    public String pciDeviceId() {
        return pciDeviceId;
    }

    public String displayName() {
        return displayName;
    }

    /** The same model as the API names it. */
    public io.dpuplane.apis.provisioning.v1alpha1.DPUModel api() {
        return this == BLUEFIELD_2 ? io.dpuplane.apis.provisioning.v1alpha1.DPUModel.BLUEFIELD_2
                : io.dpuplane.apis.provisioning.v1alpha1.DPUModel.BLUEFIELD_3;
    }

    public static Optional<DpuModel> ofPciDevice(String deviceId) {
        String id = deviceId.strip().toLowerCase().replace("0x", "");
        return Arrays.stream(values()).filter(m -> m.pciDeviceId.equals(id)).findFirst();
    }
}
