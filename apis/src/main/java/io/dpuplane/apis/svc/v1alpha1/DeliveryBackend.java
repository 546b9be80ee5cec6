package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a {@link DPUService} is delivered into DPU clusters. */
public enum DeliveryBackend {
    /** The provider installs and upgrades Helm releases itself, and repairs drift. */
    @JsonProperty("Helm")
    HELM,
    /** The provider owns an ArgoCD Application per cluster and reads its sync and health back. */
    @JsonProperty("ArgoCD")
    ARGO_CD
}
