package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** One key of a Secret in the referring object's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretKeyReference(
        @Required
        @JsonPropertyDescription("Name of the Secret, in the same namespace.")
        String name,
        @Default("kubeconfig")
        @JsonPropertyDescription("Key in the Secret.")
        String key) {
}
