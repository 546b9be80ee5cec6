package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Kernel parameters of the DPU OS, written to a sysctl.d drop-in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sysctl(
        @Size(max = 256)
        @JsonPropertyDescription("Parameters as key=value, e.g. net.ipv4.ip_forward=1.")
        List<@Pattern("^[A-Za-z0-9_./-]+=.+$") String> parameters) {
}
