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
 * An interface on {@code br-sfc} of every selected DPU node (VF, PF, uplink, pod or OVN port), mirrored
 * into the target DPU clusters as one ServiceInterface per node.
 */
@Group(Services.GROUP)
@Version(Services.VERSION)
@Kind("DPUServiceInterface")
@Plural("dpuserviceinterfaces")
@Singular("dpuserviceinterface")
@ShortNames("dpusi")
@Categories({"dpuplane", "crossplane", "managed"})
@AdditionalPrinterColumn(name = "READY", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Ready')].status")
@AdditionalPrinterColumn(name = "SYNCED", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Synced')].status")
@AdditionalPrinterColumn(name = "TYPE", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.forProvider.interfaceType")
@AdditionalPrinterColumn(name = "NODES", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.atProvider.nodes")
@AdditionalPrinterColumn(name = "PROGRAMMED", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.atProvider.nodesProgrammed")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class DPUServiceInterface extends ManagedResource<DPUServiceInterfaceSpec, DPUServiceInterfaceStatus> {
}
