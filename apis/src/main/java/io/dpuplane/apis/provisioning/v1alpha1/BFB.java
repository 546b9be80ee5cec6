package io.dpuplane.apis.provisioning.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.dpuplane.apis.crossplane.ManagedResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A BlueField boot image (BFB): the provider downloads it once, verifies its sha256 and boot-stream
 * structure, records the component versions, and serves it to the host agents that flash DPUs.
 */
@Group(Provisioning.GROUP)
@Version(Provisioning.VERSION)
@Kind("BFB")
@Plural("bfbs")
@Singular("bfb")
@ShortNames("bfb")
@Categories({"dpuplane", "crossplane", "managed"})
@AdditionalPrinterColumn(name = "READY", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Ready')].status")
@AdditionalPrinterColumn(name = "SYNCED", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Synced')].status")
@AdditionalPrinterColumn(name = "DOCA", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.atProvider.versions.doca")
@AdditionalPrinterColumn(name = "PROGRESS", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.atProvider.download.percent")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class BFB extends ManagedResource<BFBSpec, BFBStatus> {
}
