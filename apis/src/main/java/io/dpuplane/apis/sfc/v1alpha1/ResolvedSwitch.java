package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One switch of a chain on a node: every port reaches every other (MAC-learning full mesh). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResolvedSwitch(
        @Required
        @Size(min = 2, max = 50)
        @JsonPropertyDescription("The ports the switch connects.")
        List<ResolvedPort> ports) {
}
