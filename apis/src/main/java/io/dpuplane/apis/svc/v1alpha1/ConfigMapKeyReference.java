package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** One key of a ConfigMap in the referring object's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigMapKeyReference(
        @Required
        @JsonPropertyDescription("Name of the ConfigMap, in the same namespace.")
        String name,
        @Default("chart.tgz")
        @JsonPropertyDescription("Key (in binaryData) holding the packaged chart archive.")
        String key) {
}
