package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** How a DPU cluster is provided and reached. */
@ValidationRule(value = "self.type != 'static' || has(self.kubeconfigSecretRef)",
        message = "a static DPUCluster needs kubeconfigSecretRef", fieldPath = ".kubeconfigSecretRef")
@ValidationRule(value = "self.type == oldSelf.type",
        message = "type is immutable: create a new DPUCluster", fieldPath = ".type")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DPUClusterParameters(
        @Required
        @JsonPropertyDescription("static: an existing cluster, reached with the kubeconfig in "
                + "kubeconfigSecretRef; sandbox: the local cluster dpuplane's sandbox runs; kamaji: a hosted "
                + "control plane the provider creates. Immutable.")
        DPUClusterType type,
        @JsonPropertyDescription("Secret key holding the cluster's admin kubeconfig; required for type static.")
        SecretKeyReference kubeconfigSecretRef,
        @Default("1000")
        @Min(1)
        @JsonPropertyDescription("Most DPUs that may join this cluster; DPUs beyond it wait in Pending.")
        Integer maxNodes) {
}
