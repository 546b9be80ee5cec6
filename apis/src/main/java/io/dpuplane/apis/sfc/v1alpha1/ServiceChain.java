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
 * The chain of one DPU node with its ports resolved, mirrored from a DPUServiceChain; the node's agent
 * installs its OpenFlow flows on {@code br-sfc} under one cookie, atomically.
 */
@Group(Sfc.GROUP)
@Version(Sfc.VERSION)
@Kind("ServiceChain")
@Plural("servicechains")
@Singular("servicechain")
@ShortNames("sfcchain")
@Categories({"dpuplane", "sfc"})
@AdditionalPrinterColumn(name = "NODE", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.node")
@AdditionalPrinterColumn(name = "FLOWS", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.flowsInstalled")
@AdditionalPrinterColumn(name = "PROGRAMMED", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Programmed')].status")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class ServiceChain extends CustomResource<ServiceChainSpec, ServiceChainStatus> implements Namespaced {

    @Override
    @Required
    public ServiceChainSpec getSpec() {
        return super.getSpec();
    }
}
