package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** sysfs attributes of the DPU OS, written at every boot before services start. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sysfs(
        @Size(max = 256)
        @JsonPropertyDescription("Attributes as /sys/path=value, e.g. /sys/class/net/p0/mtu=9216.")
        List<@Pattern("^/sys/\\S+=.+$") String> parameters) {
}
