package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** A drain of the host Node before its DPU is provisioned. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeDrain(
        @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
        @JsonPropertyDescription("How long to keep trying evictions (e.g. 10m) before reporting the drain as "
                + "blocked; the provider never forces one. Unset waits as long as it takes.")
        String timeout) {
}
