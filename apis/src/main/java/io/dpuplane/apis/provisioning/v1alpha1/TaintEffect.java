package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The effect of a {@link NodeTaint}, as in Kubernetes. */
public enum TaintEffect {
    @JsonProperty("NoSchedule")
    NO_SCHEDULE,
    @JsonProperty("PreferNoSchedule")
    PREFER_NO_SCHEDULE,
    @JsonProperty("NoExecute")
    NO_EXECUTE
}
