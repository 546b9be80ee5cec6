package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** A chart, its values, and the DPU clusters and nodes to release it on. */
@ValidationRule(value = "has(self.source.configMapRef) || has(self.version)",
        message = "version is required for a chart from repoURL or oci", fieldPath = ".version")
@ValidationRule(value = "!has(self.backend) || self.backend != 'ArgoCD' || !has(self.source.configMapRef)",
        message = "the ArgoCD backend needs a chart repository (repoURL or oci): configMapRef works only with Helm",
        fieldPath = ".backend")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DPUServiceParameters(
        @Required
        @JsonPropertyDescription("Where the chart comes from.")
        ChartSource source,
        @Required
        @JsonPropertyDescription("Name of the chart, e.g. doca-hbn.")
        String chart,
        @JsonPropertyDescription("Chart version, e.g. 1.0.1; required unless the chart comes from a ConfigMap.")
        String version,
        // Any YAML object: without the swap the generator would require every value to be an object too.
        @SchemaFrom(type = Object.class)
        @PreserveUnknownFields
        @JsonPropertyDescription("Helm values, merged over the values from valuesFrom.")
        Map<String, Object> values,
        @Size(max = 16)
        @JsonPropertyDescription("ConfigMaps and Secrets with Helm values, merged in order; values wins over all.")
        List<ValuesSource> valuesFrom,
        @Required
        @JsonPropertyDescription("The DPU clusters to release the chart into.")
        ClusterTargets clusters,
        @JsonPropertyDescription("Node labels the chart's workloads must run on within each cluster, passed to "
                + "the chart as the value nodeSelector; unset means every DPU node.")
        Map<String, String> nodeSelector,
        @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
        @JsonPropertyDescription("Namespace in each DPU cluster to release into; defaults to the DPUService's own.")
        String namespace,
        @Default("Helm")
        @JsonPropertyDescription("Helm: the provider releases the chart itself with the Helm SDK; ArgoCD: through "
                + "an ArgoCD Application per cluster.")
        DeliveryBackend backend) {
}
