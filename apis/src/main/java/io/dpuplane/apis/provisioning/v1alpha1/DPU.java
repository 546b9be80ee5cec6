package io.dpuplane.apis.provisioning.v1alpha1;

import io.dpuplane.apis.crossplane.ManagedResource;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalSelectableField;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One physical BlueField DPU: the provider installs its BFB and flavor through the host agent, reboots it,
 * and keeps it a Ready node of its DPU cluster. Its phase and host are selectable fields: {@code kubectl get dpus
 * --field-selector status.atProvider.phase=Error} lists a fleet's failed DPUs, and a watch so selected is sent
 * only the DPUs that match, not every progress update of every DPU.
 */
@Group(Provisioning.GROUP)
@Version(Provisioning.VERSION)
@Kind("DPU")
@Plural("dpus")
@Singular("dpu")
@ShortNames("dpu")
@Categories({"dpuplane", "crossplane", "managed"})
@AdditionalPrinterColumn(name = "READY", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Ready')].status")
@AdditionalPrinterColumn(name = "SYNCED", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Synced')].status")
@AdditionalPrinterColumn(name = "PHASE", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.atProvider.phase")
@AdditionalPrinterColumn(name = "NODE", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.forProvider.hostNode")
@AdditionalPrinterColumn(name = "BFB", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.atProvider.bfbVersion")
@AdditionalPrinterColumn(name = "PROGRESS", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.atProvider.install.percent")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
@AdditionalSelectableField(jsonPath = ".status.atProvider.phase")
@AdditionalSelectableField(jsonPath = ".spec.forProvider.hostNode")
public class DPU extends ManagedResource<DPUSpec, DPUStatus> {
}
