package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Component versions carried by a BFB. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BFBVersions(
        @JsonPropertyDescription("DOCA version, e.g. 2.9.1.") String doca,
        @JsonPropertyDescription("Arm Trusted Firmware version.") String atf,
        @JsonPropertyDescription("UEFI version.") String uefi,
        @JsonPropertyDescription("BlueField support package (BSP) version.") String bsp) {
}
