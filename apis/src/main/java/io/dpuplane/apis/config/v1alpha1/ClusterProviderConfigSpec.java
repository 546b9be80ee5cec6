package io.dpuplane.apis.config.v1alpha1;

import io.fabric8.generator.annotation.ValidationRule;

/** The desired state of a {@link ClusterProviderConfig}: Secrets are named with their namespace. */
@ValidationRule(value = "!has(self.agent.tlsSecretRef) || has(self.agent.tlsSecretRef.namespace)",
        message = "a ClusterProviderConfig must name agent.tlsSecretRef.namespace when it names agent.tlsSecretRef")
public class ClusterProviderConfigSpec extends ProviderSettings {
}
