package io.dpuplane.provider.dpu;

/** The name a DPU's Node gets in its DPU cluster: host node and PCI address, DNS-safe. */
final class DpuNames {

    private DpuNames() {
    }

    static String nodeName(String hostNode, String pciAddress) {
        return (hostNode + "-" + pciAddress.replace(':', '-').replace('.', '-')).toLowerCase();
    }
}
