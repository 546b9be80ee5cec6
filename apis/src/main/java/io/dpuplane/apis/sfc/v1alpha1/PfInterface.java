package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A host physical function, reached through its representor {@code pf<pfID>hpf} on the DPU. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PfInterface(
        @Required
        @Min(0)
        @Max(255)
        @JsonPropertyDescription("Index of the physical function, e.g. 0.")
        Integer pfID) {
}
