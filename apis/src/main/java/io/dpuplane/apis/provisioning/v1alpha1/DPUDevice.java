package io.dpuplane.apis.provisioning.v1alpha1;

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
 * Inventory: one BlueField card as its host agent found it (PCI address, serial, PSID, OPN, firmware, rshim
 * device, health). DPUSets select cards from these; a DPU can name one as its device.
 */
@Group(Provisioning.GROUP)
@Version(Provisioning.VERSION)
@Kind("DPUDevice")
@Plural("dpudevices")
@Singular("dpudevice")
@ShortNames("dpud")
@Categories({"dpuplane", "inventory"})
@AdditionalPrinterColumn(name = "NODE", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.nodeName")
@AdditionalPrinterColumn(name = "PCI", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.pciAddress")
@AdditionalPrinterColumn(name = "MODEL", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.model")
@AdditionalPrinterColumn(name = "SERIAL", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.serialNumber")
@AdditionalPrinterColumn(name = "HEALTH", type = AdditionalPrinterColumn.Type.STRING, priority = 1,
        jsonPath = ".status.health")
@AdditionalPrinterColumn(name = "BFB", type = AdditionalPrinterColumn.Type.STRING, priority = 1,
        jsonPath = ".status.bfbVersion")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class DPUDevice extends CustomResource<DPUDeviceSpec, DPUDeviceStatus> implements Namespaced {

    @Override
    @Required
    public DPUDeviceSpec getSpec() {
        return super.getSpec();
    }
}
