package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The identity of a card: where it sits and what it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DPUDeviceSpec(
        @Required
        @JsonPropertyDescription("The host's Kubernetes Node name (and its DPUNode).")
        String nodeName,
        @Required
        @Pattern("^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]$")
        @JsonPropertyDescription("PCI address of the card's first function in sysfs form, e.g. 0000:03:00.0.")
        String pciAddress,
        @Required
        @JsonPropertyDescription("Board serial number, e.g. MT2334XZ0B2K.")
        String serialNumber,
        @JsonPropertyDescription("Parameter-set ID of the firmware, e.g. MT_0000000884.")
        String psid,
        @JsonPropertyDescription("Ordering part number, e.g. 900-9D3B6-00CV-AA0.")
        String opn,
        @Required
        @JsonPropertyDescription("BlueField-2 or BlueField-3.")
        DPUModel model,
        @Pattern("^[0-9a-f]{4}$")
        @JsonPropertyDescription("PCI device ID of the card (vendor 15b3): a2d6 for BlueField-2, a2dc for "
                + "BlueField-3.")
        String pciDeviceId) {
}
