package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The flavor's rendered bf.cfg fragment, as the provider last produced it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DPUFlavorObservation(
        @JsonPropertyDescription("Size in bytes of the rendered fragment, without the per-DPU join details; the "
                + "whole bf.cfg must stay within the 128 KiB a BlueField accepts.")
        Long renderedSizeBytes,
        @JsonPropertyDescription("SHA-256 of the rendered fragment: DPUs record it to notice a flavor change.")
        String renderedSha256) {
}
