package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A host virtual function, reached through its representor {@code pf<pfID>vf<vfID>} on the DPU. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VfInterface(
        @Required
        @Min(0)
        @Max(255)
        @JsonPropertyDescription("Index of the physical function the VF belongs to, e.g. 0.")
        Integer pfID,
        @Required
        @Min(0)
        @Max(255)
        @JsonPropertyDescription("Index of the VF on its physical function.")
        Integer vfID,
        @JsonPropertyDescription("Name of the pf-type interface the VF belongs to, when there is one.")
        String parentInterface) {
}
