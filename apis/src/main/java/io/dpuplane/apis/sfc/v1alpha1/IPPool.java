package io.dpuplane.apis.sfc.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The IP pool as one DPU node sees it, mirrored from a DPUServiceIPAM; the node's agent takes one block of
 * the pool for itself, keeps it across restarts, and hands addresses from it to service interfaces.
 */
@Group(Sfc.GROUP)
@Version(Sfc.VERSION)
@Kind("IPPool")
@Plural("ippools")
@Singular("ippool")
@ShortNames("sfcpool")
@Categories({"dpuplane", "sfc"})
@AdditionalPrinterColumn(name = "NODE", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.node")
@AdditionalPrinterColumn(name = "CIDR", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.cidr")
@AdditionalPrinterColumn(name = "BLOCK", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.block")
@AdditionalPrinterColumn(name = "PROGRAMMED", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Programmed')].status")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class IPPool extends CustomResource<IPPoolSpec, IPPoolStatus> implements Namespaced {

    @Override
    @Required
    public IPPoolSpec getSpec() {
        return super.getSpec();
    }
}
