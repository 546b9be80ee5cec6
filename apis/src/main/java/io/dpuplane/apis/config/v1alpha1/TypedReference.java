package io.dpuplane.apis.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A reference to a Kubernetes object of any kind (Crossplane's TypedReference). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TypedReference(
        @Required
        @JsonPropertyDescription("API version of the referenced object, e.g. provisioning.dpuplane.io/v1alpha1.")
        String apiVersion,
        @Required
        @JsonPropertyDescription("Kind of the referenced object, e.g. DPU.")
        String kind,
        @Required
        @JsonPropertyDescription("Name of the referenced object.")
        String name,
        @JsonPropertyDescription("UID of the referenced object.")
        String uid) {
}
