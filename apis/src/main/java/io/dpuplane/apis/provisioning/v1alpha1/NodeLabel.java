package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A label put on the host Node while its DPU is provisioned. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeLabel(
        @Required
        @JsonPropertyDescription("Label key, e.g. dpuplane.io/provisioning.")
        String key,
        @JsonPropertyDescription("Label value.")
        String value) {
}
