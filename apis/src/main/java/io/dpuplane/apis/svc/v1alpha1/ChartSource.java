package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a chart comes from: an HTTP chart repository, an OCI registry, or a ConfigMap. Exactly one. */
@ValidationRule(value = "(has(self.repoURL) ? 1 : 0) + (has(self.oci) ? 1 : 0) "
        + "+ (has(self.configMapRef) ? 1 : 0) == 1",
        message = "source sets exactly one of repoURL, oci or configMapRef")
@ValidationRule(value = "!has(self.repoURL) || self.repoURL.startsWith('http://') "
        + "|| self.repoURL.startsWith('https://')",
        message = "repoURL must be an http:// or https:// chart repository URL", fieldPath = ".repoURL")
@ValidationRule(value = "!has(self.oci) || self.oci.startsWith('oci://')",
        message = "oci must be an oci:// reference, e.g. oci://ghcr.io/example/charts", fieldPath = ".oci")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChartSource(
        @JsonPropertyDescription("URL of a Helm chart repository (the directory holding index.yaml), e.g. "
                + "https://helm.ngc.nvidia.com/nvidia/doca.")
        String repoURL,
        @JsonPropertyDescription("OCI repository the chart is pushed to, without the chart name, e.g. "
                + "oci://ghcr.io/example/charts.")
        String oci,
        @JsonPropertyDescription("A ConfigMap holding the packaged chart (.tgz); Helm backend only.")
        ConfigMapKeyReference configMapRef) {
}
