package io.dpuplane.functions.dpuset;

/** A card a DPUSet selected: a DPUDevice on a selected host, with the composition-resource-name of its DPU. */
record Device(String key, String name, String node, String pciAddress, String model) {

    static Device of(String name, String node, String pciAddress, String model) {
        return new Device(DpuNames.key(node, pciAddress), name, node, pciAddress, model);
    }
}
