package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One switch of a chain: traffic flows between all of its ports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainSwitch(
        @Required
        @Size(min = 2, max = 50)
        @JsonPropertyDescription("The ports the switch connects.")
        List<ChainPort> ports) {
}
