package io.dpuplane.apis.config.v1alpha1;

import io.fabric8.generator.annotation.ValidationRule;

/** The desired state of a {@link ClusterProviderConfig}: Secrets are named with their namespace. */
@ValidationRule(value = "has(self.agent.tlsSecretRef.namespace)",
        message = "a ClusterProviderConfig must set agent.tlsSecretRef.namespace")
public class ClusterProviderConfigSpec extends ProviderSettings {
}
