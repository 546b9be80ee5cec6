package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** Helm values kept in a ConfigMap or Secret of the DPUService's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValuesSource(
        @Required
        @JsonPropertyDescription("ConfigMap or Secret.")
        ValuesSourceKind kind,
        @Required
        @JsonPropertyDescription("Name of the ConfigMap or Secret, in the same namespace.")
        String name,
        @Default("values.yaml")
        @JsonPropertyDescription("Key holding the values as YAML.")
        String key) {
}
