package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A physical uplink port of the DPU. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhysicalInterface(
        @Required
        @Pattern("^[A-Za-z0-9_.-]{1,15}$")
        @JsonPropertyDescription("Linux name of the port on the DPU, e.g. p0.")
        String interfaceName) {
}
