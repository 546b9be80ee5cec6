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
 * The Kubernetes cluster provisioned DPUs join as nodes. The provider checks that it is reachable, reports
 * its version and node count, and publishes its kubeconfig as connection details.
 */
@Group(Provisioning.GROUP)
@Version(Provisioning.VERSION)
@Kind("DPUCluster")
@Plural("dpuclusters")
@Singular("dpucluster")
@ShortNames("dpuc")
@Categories({"dpuplane", "crossplane", "managed"})
@AdditionalPrinterColumn(name = "READY", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Ready')].status")
@AdditionalPrinterColumn(name = "SYNCED", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Synced')].status")
@AdditionalPrinterColumn(name = "TYPE", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.forProvider.type")
@AdditionalPrinterColumn(name = "VERSION", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.atProvider.kubernetesVersion")
@AdditionalPrinterColumn(name = "NODES", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.atProvider.nodeCount")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class DPUCluster extends ManagedResource<DPUClusterSpec, DPUClusterStatus> {
}
