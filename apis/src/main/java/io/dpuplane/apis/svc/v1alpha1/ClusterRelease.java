package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A DPUService's release in one DPU cluster, as last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterRelease(
        @JsonPropertyDescription("The DPUCluster.")
        String cluster,
        @JsonPropertyDescription("Chart version released there.")
        String chartVersion,
        @JsonPropertyDescription("Helm release revision (Helm backend).")
        Integer revision,
        @JsonPropertyDescription("Sync status of the Application, e.g. Synced or OutOfSync (ArgoCD backend).")
        String syncStatus,
        @JsonPropertyDescription("Health of the Application, e.g. Healthy or Progressing (ArgoCD backend).")
        String healthStatus,
        @JsonPropertyDescription("Pods of the release that are ready.")
        Integer workloadsReady,
        @JsonPropertyDescription("Pods of the release that should be running.")
        Integer workloadsDesired,
        @JsonPropertyDescription("The last error releasing into this cluster.")
        String lastError) {
}
