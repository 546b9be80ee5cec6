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
 * A Helm chart released into the DPU clusters it targets, on the DPU nodes it selects, delivered by the
 * provider through Helm or through an ArgoCD Application; Ready when its workloads are ready everywhere.
 */
@Group(Services.GROUP)
@Version(Services.VERSION)
@Kind("DPUService")
@Plural("dpuservices")
@Singular("dpuservice")
@ShortNames("dpusvc")
@Categories({"dpuplane", "crossplane", "managed"})
@AdditionalPrinterColumn(name = "READY", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Ready')].status")
@AdditionalPrinterColumn(name = "SYNCED", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Synced')].status")
@AdditionalPrinterColumn(name = "BACKEND", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.forProvider.backend")
@AdditionalPrinterColumn(name = "CHART", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.forProvider.chart")
@AdditionalPrinterColumn(name = "VERSION", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.forProvider.version")
@AdditionalPrinterColumn(name = "READY-CLUSTERS", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.atProvider.readyClusters")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class DPUService extends ManagedResource<DPUServiceSpec, DPUServiceStatus> {
}
