package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A file written on the DPU at install time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigFile(
        @Required
        @Pattern("^/.+")
        @JsonPropertyDescription("Absolute path of the file on the DPU, e.g. /etc/mellanox/mlnx-bf.conf.")
        String path,
        @Required
        @JsonPropertyDescription("Content of the file.")
        String content,
        @Default("\"0644\"")
        @Pattern("^0?[0-7]{3}$")
        @JsonPropertyDescription("Octal file mode, e.g. 0644 or 0755.")
        String permissions,
        @Default("override")
        @JsonPropertyDescription("override replaces the file; append adds the content to its end.")
        ConfigFileOperation operation) {
}
