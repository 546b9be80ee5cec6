package io.dpuplane.apis.svc.v1alpha1;

import io.dpuplane.apis.crossplane.ManagedResource;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An IP pool split into one block per selected DPU node, mirrored into the target DPU clusters as one
 * IPPool per node, from which service interfaces get their addresses.
 */
@Group(Services.GROUP)
@Version(Services.VERSION)
@Kind("DPUServiceIPAM")
@Plural("dpuserviceipams")
@Singular("dpuserviceipam")
@ShortNames("dpuipam")
@Categories({"dpuplane", "crossplane", "managed"})
@AdditionalPrinterColumn(name = "READY", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Ready')].status")
@AdditionalPrinterColumn(name = "SYNCED", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Synced')].status")
@AdditionalPrinterColumn(name = "CIDR", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.forProvider.cidr")
@AdditionalPrinterColumn(name = "BLOCK", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".spec.forProvider.perNodeBlockSize")
@AdditionalPrinterColumn(name = "IN-USE", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.atProvider.blocksInUse")
@AdditionalPrinterColumn(name = "FREE", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.atProvider.blocksFree")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class DPUServiceIPAM extends ManagedResource<DPUServiceIPAMSpec, DPUServiceIPAMStatus> {
}
