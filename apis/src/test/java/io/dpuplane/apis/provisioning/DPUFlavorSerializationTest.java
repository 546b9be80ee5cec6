package io.dpuplane.apis.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.provisioning.v1alpha1.ConfigFileOperation;
import io.dpuplane.apis.provisioning.v1alpha1.DPUFlavor;
import io.dpuplane.apis.provisioning.v1alpha1.DPUFlavorParameters;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class DPUFlavorSerializationTest {

    private static final String HBN_OVN_FLAVOR = """
            apiVersion: provisioning.dpuplane.io/v1alpha1
            kind: DPUFlavor
            metadata: {name: hbn-ovn, namespace: fleet}
            spec:
              forProvider:
                grub: {kernelParameters: [hugepagesz=2048kB, hugepages=3072, iommu.passthrough=1]}
                sysctl: {parameters: [net.ipv4.ip_forward=1]}
                sysfs: {parameters: [/sys/class/net/p0/mtu=9216]}
                nvconfig:
                - device: "*"
                  parameters: [PF_BAR2_ENABLE=0, PER_PF_NUM_SF=1, PF_TOTAL_SF=20, SRIOV_EN=1, NUM_OF_VFS=46]
                ovs:
                  rawConfigScript: |
                    ovs-vsctl set Open_vSwitch . other_config:doca-init=true
                    ovs-vsctl --may-exist add-br br-sfc -- set bridge br-sfc datapath_type=netdev fail_mode=secure
                containerd:
                  registryMirrors:
                  - {registry: nvcr.io, endpoints: ["https://mirror.example:5000"], insecureSkipVerify: true}
                configFiles:
                - {path: /etc/mellanox/mlnx-bf.conf, content: "ENABLE_ESWITCH_MULTIPORT=\\"yes\\"\\n", permissions: "0644"}
                - {path: /etc/mellanox/mlnx-ovs.conf, content: "CREATE_OVS_BRIDGES=\\"no\\"\\n", operation: append}
                kubeletConfig: "maxPods: 50"
                bfcfgParameters: [UPDATE_ATF_UEFI=yes, UPDATE_DPU_OS=yes]
            status:
              atProvider:
                renderedSizeBytes: 18211
                renderedSha256: 3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b
            """;

    @Test
    void realisticFlavorSurvivesAYamlRoundTripFieldByField() {
        DPUFlavor flavor = Serialization.unmarshal(HBN_OVN_FLAVOR, DPUFlavor.class);
        DPUFlavor again = Serialization.unmarshal(Serialization.asYaml(flavor), DPUFlavor.class);
        DPUFlavorParameters p = again.getSpec().getForProvider();
        assertThat(p).isEqualTo(flavor.getSpec().getForProvider());
        assertThat(p.grub().kernelParameters()).containsExactly("hugepagesz=2048kB", "hugepages=3072",
                "iommu.passthrough=1");
        assertThat(p.nvconfig()).singleElement().satisfies(e -> {
            assertThat(e.device()).isEqualTo("*");
            assertThat(e.parameters()).contains("NUM_OF_VFS=46");
        });
        assertThat(p.ovs().rawConfigScript()).contains("fail_mode=secure").endsWith("\n");
        assertThat(p.containerd().registryMirrors().get(0).insecureSkipVerify()).isTrue();
        assertThat(p.configFiles().get(1).operation()).isEqualTo(ConfigFileOperation.APPEND);
        assertThat(p.configFiles().get(0).content()).isEqualTo("ENABLE_ESWITCH_MULTIPORT=\"yes\"\n");
        assertThat(again.getStatus().getAtProvider().renderedSizeBytes()).isEqualTo(18211L);
    }

    @Test
    void flavorRecordsCompareByValueSoAChangedFlavorIsNoticed() {
        DPUFlavor one = Serialization.unmarshal(HBN_OVN_FLAVOR, DPUFlavor.class);
        DPUFlavor other = Serialization.unmarshal(HBN_OVN_FLAVOR.replace("maxPods: 50", "maxPods: 60"), DPUFlavor.class);
        assertThat(one.getSpec().getForProvider()).isNotEqualTo(other.getSpec().getForProvider());
    }

    @Test
    void operationIsWrittenWithItsWireName() {
        DPUFlavor flavor = Serialization.unmarshal(HBN_OVN_FLAVOR, DPUFlavor.class);
        assertThat(Serialization.asYaml(flavor)).contains("operation: \"append\"").doesNotContain("APPEND");
    }
}
