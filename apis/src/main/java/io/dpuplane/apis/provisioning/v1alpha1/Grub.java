package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The DPU OS kernel command line, written to a grub drop-in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Grub(
        @Size(max = 128)
        @JsonPropertyDescription("Kernel parameters, one per item, e.g. hugepagesz=2048kB, iommu.passthrough=1.")
        List<@Pattern("^\\S+$") String> kernelParameters) {
}
