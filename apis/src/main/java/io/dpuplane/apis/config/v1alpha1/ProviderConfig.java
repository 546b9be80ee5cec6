package io.dpuplane.apis.config.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Provider settings for the managed resources of one namespace (Crossplane v2): agent credentials, BFB
 * cache and install limits. Managed resources select it with {@code providerConfigRef.kind: ProviderConfig}.
 */
@Group(Config.GROUP)
@Version(Config.VERSION)
@Kind("ProviderConfig")
@Plural("providerconfigs")
@Singular("providerconfig")
@Categories({"dpuplane", "crossplane", "providerconfig"})
@AdditionalPrinterColumn(name = "USERS", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.users")
@AdditionalPrinterColumn(name = "SECRET-NAME", type = AdditionalPrinterColumn.Type.STRING, priority = 1,
        jsonPath = ".spec.agent.tlsSecretRef.name")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class ProviderConfig extends CustomResource<ProviderConfigSpec, ProviderConfigStatus> implements Namespaced {

    @Override
    @Required
    public ProviderConfigSpec getSpec() {
        return super.getSpec();
    }
}
