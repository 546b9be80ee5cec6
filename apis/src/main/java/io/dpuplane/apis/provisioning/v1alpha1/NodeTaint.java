package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** A taint put on the host Node while its DPU is provisioned. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeTaint(
        @Required
        @JsonPropertyDescription("Taint key, e.g. dpuplane.io/provisioning.")
        String key,
        @JsonPropertyDescription("Taint value.")
        String value,
        @Default("NoSchedule")
        @JsonPropertyDescription("Taint effect: NoSchedule, PreferNoSchedule or NoExecute.")
        TaintEffect effect) {
}
