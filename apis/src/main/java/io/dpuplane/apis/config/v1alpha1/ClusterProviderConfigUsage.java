package io.dpuplane.apis.config.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Records that a managed resource uses a provider config, cluster-scoped (Crossplane's
 * ClusterProviderConfigUsage); a provider config cannot be deleted while any usage names it.
 */
@Group(Config.GROUP)
@Version(Config.VERSION)
@Kind("ClusterProviderConfigUsage")
@Plural("clusterproviderconfigusages")
@Singular("clusterproviderconfigusage")
@Categories({"dpuplane", "crossplane", "providerconfig"})
@AdditionalPrinterColumn(name = "CONFIG-NAME", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".providerConfigRef.name")
@AdditionalPrinterColumn(name = "RESOURCE-KIND", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".resourceRef.kind")
@AdditionalPrinterColumn(name = "RESOURCE-NAME", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".resourceRef.name")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
// A usage has neither spec nor status (Crossplane's layout): keep both out of the schema.
@SchemaSwap(originalType = ClusterProviderConfigUsage.class, fieldName = "spec", targetType = void.class)
@SchemaSwap(originalType = ClusterProviderConfigUsage.class, fieldName = "status", targetType = void.class)
public class ClusterProviderConfigUsage extends TypedProviderConfigUsage {
}
