package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The BFB and flavor content a DPU was last provisioned with; when the spec names different content the DPU
 * is provisioned again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstalledRevision(
        @JsonPropertyDescription("Name of the BFB installed.")
        String bfb,
        @JsonPropertyDescription("SHA-256 of the BFB image installed.")
        String bfbSha256,
        @JsonPropertyDescription("Name of the DPUFlavor installed with.")
        String flavor,
        @JsonPropertyDescription("SHA-256 of the flavor's rendered fragment installed with.")
        String flavorSha256) {
}
