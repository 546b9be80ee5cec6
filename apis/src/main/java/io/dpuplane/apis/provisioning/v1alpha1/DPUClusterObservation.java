package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A DPU cluster as the provider last reached it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUClusterObservation {

    @JsonPropertyDescription("API server URL of the cluster.")
    private String endpoint;

    @JsonPropertyDescription("Kubernetes version the API server reports, e.g. v1.35.0.")
    private String kubernetesVersion;

    @JsonPropertyDescription("Number of Nodes in the cluster.")
    private Integer nodeCount;

    @JsonPropertyDescription("Whether the last attempt to reach the API server succeeded.")
    private Boolean reachable;

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getKubernetesVersion() {
        return kubernetesVersion;
    }

    public void setKubernetesVersion(String kubernetesVersion) {
        this.kubernetesVersion = kubernetesVersion;
    }

    public Integer getNodeCount() {
        return nodeCount;
    }

    public void setNodeCount(Integer nodeCount) {
        this.nodeCount = nodeCount;
    }

    public Boolean getReachable() {
        return reachable;
    }

    public void setReachable(Boolean reachable) {
        this.reachable = reachable;
    }
}
