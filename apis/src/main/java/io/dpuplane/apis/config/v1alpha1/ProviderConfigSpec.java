package io.dpuplane.apis.config.v1alpha1;

import io.fabric8.generator.annotation.ValidationRule;

/** The desired state of a namespaced {@link ProviderConfig}: its Secrets live in its own namespace. */
@ValidationRule(value = "!has(self.agent.tlsSecretRef) || !has(self.agent.tlsSecretRef.namespace)",
        message = "a ProviderConfig reads agent.tlsSecretRef from its own namespace: leave namespace out")
public class ProviderConfigSpec extends ProviderSettings {
}
