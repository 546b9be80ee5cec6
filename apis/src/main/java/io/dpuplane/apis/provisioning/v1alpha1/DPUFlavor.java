package io.dpuplane.apis.provisioning.v1alpha1;

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
 * An immutable DPU OS profile (grub, sysctl, sysfs, nvconfig, OVS, containerd, kubelet, extra files) that
 * the provider renders into the bf.cfg every DPU using it installs with. Change it by creating a new flavor.
 */
@Group(Provisioning.GROUP)
@Version(Provisioning.VERSION)
@Kind("DPUFlavor")
@Plural("dpuflavors")
@Singular("dpuflavor")
@ShortNames("flavor")
@Categories({"dpuplane", "crossplane", "managed"})
@AdditionalPrinterColumn(name = "READY", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Ready')].status")
@AdditionalPrinterColumn(name = "SYNCED", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Synced')].status")
@AdditionalPrinterColumn(name = "RENDERED-BYTES", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.atProvider.renderedSizeBytes")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class DPUFlavor extends ManagedResource<DPUFlavorSpec, DPUFlavorStatus> {
}
