package io.dpuplane.apis.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A Secret by name, and by namespace where the referring object has none of its own. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretReference(
        @Required
        @JsonPropertyDescription("Name of the Secret.")
        String name,
        @JsonPropertyDescription("Namespace of the Secret. Required in a ClusterProviderConfig; not allowed in a "
                + "ProviderConfig, which reads Secrets from its own namespace only.")
        String namespace) {
}
