package io.dpuplane.apis.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the provider caches verified BFB images and where host agents download them from. */
@ValidationRule(value = "!has(self.registryURL) || self.registryURL.startsWith('http://') "
        + "|| self.registryURL.startsWith('https://')",
        message = "registryURL must be an http:// or https:// URL", fieldPath = ".registryURL")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BFBCacheSettings(
        @Default("/var/cache/dpuplane/bfb")
        @Pattern("^/.*")
        @JsonPropertyDescription("Absolute directory in the provider's filesystem to cache BFB images in; mount a "
                + "PersistentVolumeClaim there so images survive a provider restart.")
        String directory,
        @JsonPropertyDescription("Base URL of the provider's BFB registry as the host agents reach it, e.g. "
                + "https://provider-dpuplane.crossplane-system.svc:8080/bfbs. When unset, the provider "
                + "advertises its own in-cluster address.")
        String registryURL) {
}
