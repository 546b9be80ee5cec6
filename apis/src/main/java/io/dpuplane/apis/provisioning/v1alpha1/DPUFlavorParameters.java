package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What a DPU's OS is configured with at install time; every part is optional. */
@ValidationRule(value = "!has(self.nvconfig) || self.nvconfig.size() <= 1 "
        + "|| self.nvconfig.all(e, has(e.device) && e.device != '*')",
        message = "an nvconfig entry for device * applies to every port and must be the only entry",
        fieldPath = ".nvconfig")
@ValidationRule(value = "!has(self.nvconfig) || self.nvconfig.size() <= 1 || !self.nvconfig.all(e, has(e.device)) "
        + "|| self.nvconfig.all(a, self.nvconfig.exists_one(b, b.device == a.device))",
        message = "each nvconfig device may appear in one entry only", fieldPath = ".nvconfig")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DPUFlavorParameters(
        @JsonPropertyDescription("Kernel command line of the DPU OS.")
        Grub grub,
        @JsonPropertyDescription("Kernel parameters set through sysctl at every boot.")
        Sysctl sysctl,
        @JsonPropertyDescription("sysfs attributes written at every boot.")
        Sysfs sysfs,
        @Size(max = 2)
        @JsonPropertyDescription("Firmware (mlxconfig) parameters: one entry for device * (both ports), or one "
                + "entry each for p0 and p1. A change takes effect after the DPU's next power cycle.")
        List<NvconfigEntry> nvconfig,
        @JsonPropertyDescription("Open vSwitch configuration applied on the DPU before any service starts.")
        Ovs ovs,
        @JsonPropertyDescription("containerd registry configuration of the DPU.")
        Containerd containerd,
        @Size(max = 64)
        @JsonPropertyDescription("Extra files written on the DPU at install time.")
        List<ConfigFile> configFiles,
        @JsonPropertyDescription("A KubeletConfiguration fragment (YAML), merged over the DPU's default kubelet "
                + "configuration, e.g. \"maxPods: 50\".")
        String kubeletConfig,
        @Size(max = 128)
        @JsonPropertyDescription("Lines added verbatim to the top of bf.cfg (the BlueField installer's own "
                + "settings), each NAME=value, e.g. UPDATE_ATF_UEFI=yes.")
        List<@Pattern("^[A-Za-z_][A-Za-z0-9_]*=.*$") String> bfcfgParameters) {
}
