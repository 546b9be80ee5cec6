package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** The DPU clusters (DPUCluster objects in the same namespace) something is delivered to. */
@ValidationRule(value = "has(self.names) != has(self.selector)",
        message = "clusters sets exactly one of names or selector")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterTargets(
        @Size(min = 1, max = 64)
        @JsonPropertyDescription("DPUCluster names.")
        List<String> names,
        @JsonPropertyDescription("A label selector over DPUClusters; {} selects them all.")
        LabelSelector selector) {
}
