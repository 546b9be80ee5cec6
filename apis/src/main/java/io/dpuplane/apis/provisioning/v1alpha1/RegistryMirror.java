package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The endpoints containerd pulls one registry's images from, in order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryMirror(
        @Required
        @Pattern("^[A-Za-z0-9.-]+(:[0-9]+)?$")
        @JsonPropertyDescription("Registry host the mirror stands in for, e.g. nvcr.io or docker.io.")
        String registry,
        @Required
        @Size(min = 1, max = 8)
        @JsonPropertyDescription("Mirror endpoints, tried in order, e.g. https://mirror.example:5000.")
        List<@Pattern("^https?://.+") String> endpoints,
        @Default("false")
        @JsonPropertyDescription("Accept the endpoints' TLS certificates without verification (lab use only).")
        Boolean insecureSkipVerify) {
}
