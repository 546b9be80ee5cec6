package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of object a {@link ValuesSource} reads Helm values from. */
public enum ValuesSourceKind {
    @JsonProperty("ConfigMap")
    CONFIG_MAP,
    @JsonProperty("Secret")
    SECRET
}
