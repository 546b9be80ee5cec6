package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** containerd configuration of the DPU OS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Containerd(
        @Size(max = 32)
        @JsonPropertyDescription("Registry mirrors: where containerd pulls images of a registry from.")
        List<RegistryMirror> registryMirrors) {
}
