package io.dpuplane.apis.crossplane;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A reference to another object by name, in the referring object's namespace (Crossplane's Reference). */
public record Reference(
        @Required
        @JsonPropertyDescription("Name of the referenced object, in the same namespace.")
        String name) {
}
