package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Firmware parameters (mlxconfig) for one port of the DPU, or for all of them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NvconfigEntry(
        @Default("\"*\"")
        @Pattern("^(\\*|p0|p1)$")
        @JsonPropertyDescription("The port the parameters apply to: p0, p1, or * for every port.")
        String device,
        @Required
        @Size(min = 1, max = 64)
        @JsonPropertyDescription("Parameters as KEY=VALUE, e.g. PF_TOTAL_SF=20, SRIOV_EN=1, NUM_OF_VFS=46.")
        List<@Pattern("^[A-Z0-9_]+(\\[[0-9]+\\])?=\\S+$") String> parameters) {
}
