package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.Reference;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The card a DPU stands for, what it runs, and the cluster it joins. */
@ValidationRule(value = "has(self.pciAddress) != has(self.deviceRef)",
        message = "set exactly one of pciAddress or deviceRef to name the card")
@ValidationRule(value = "!has(self.pciAddress) "
        + "|| self.pciAddress.matches('^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\\\.[0-7]$')",
        message = "pciAddress must be a full PCI address as in sysfs, e.g. 0000:03:00.0", fieldPath = ".pciAddress")
@ValidationRule(value = "self.hostNode == oldSelf.hostNode",
        message = "hostNode is immutable: a DPU stands for one physical card", fieldPath = ".hostNode")
@ValidationRule(value = "has(self.pciAddress) == has(oldSelf.pciAddress) "
        + "&& (!has(self.pciAddress) || self.pciAddress == oldSelf.pciAddress) "
        + "&& has(self.deviceRef) == has(oldSelf.deviceRef) "
        + "&& (!has(self.deviceRef) || self.deviceRef.name == oldSelf.deviceRef.name)",
        message = "the card (pciAddress or deviceRef) is immutable: create a new DPU for another card")
@ValidationRule(value = "self.dpuClusterRef.name == oldSelf.dpuClusterRef.name",
        message = "dpuClusterRef is immutable: recreate the DPU to move it to another DPU cluster",
        fieldPath = ".dpuClusterRef")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DPUParameters(
        @Required
        @Size(max = 253)
        @JsonPropertyDescription("Name of the host's Kubernetes Node (and its DPUNode) the card sits in. Immutable.")
        String hostNode,
        @Size(max = 12)
        @JsonPropertyDescription("PCI address of the card's first function in sysfs form, e.g. 0000:03:00.0. "
                + "Set this or deviceRef. Immutable.")
        String pciAddress,
        @JsonPropertyDescription("The DPUDevice the host agent reported for the card. Set this or pciAddress. "
                + "Immutable.")
        Reference deviceRef,
        @Required
        @JsonPropertyDescription("The BFB to install. Pointing at another BFB re-provisions the DPU.")
        Reference bfbRef,
        @Required
        @JsonPropertyDescription("The DPUFlavor to install with. Pointing at another flavor re-provisions the DPU.")
        Reference flavorRef,
        @Required
        @JsonPropertyDescription("The DPUCluster the DPU joins as a node. Immutable.")
        Reference dpuClusterRef,
        @Default("{\"drain\":{}}")
        @JsonPropertyDescription("What happens to the host Node while its DPU is provisioned; drain by default.")
        NodeEffect nodeEffect,
        @JsonPropertyDescription("Labels to put on the DPU's Node in the DPU cluster once it has joined.")
        Map<String, String> clusterNodeLabels) {
}
