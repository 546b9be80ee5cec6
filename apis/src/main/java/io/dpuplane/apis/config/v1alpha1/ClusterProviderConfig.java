package io.dpuplane.apis.config.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Cluster-wide provider settings, usable by managed resources in every namespace; {@code default} is the one
 * a managed resource uses when it names none.
 */
@Group(Config.GROUP)
@Version(Config.VERSION)
@Kind("ClusterProviderConfig")
@Plural("clusterproviderconfigs")
@Singular("clusterproviderconfig")
@Categories({"dpuplane", "crossplane", "providerconfig"})
@AdditionalPrinterColumn(name = "USERS", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.users")
@AdditionalPrinterColumn(name = "SECRET-NAME", type = AdditionalPrinterColumn.Type.STRING, priority = 1,
        jsonPath = ".spec.agent.tlsSecretRef.name")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class ClusterProviderConfig extends CustomResource<ClusterProviderConfigSpec, ProviderConfigStatus> {

    @Override
    @Required
    public ClusterProviderConfigSpec getSpec() {
        return super.getSpec();
    }
}
