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
 * One interface on {@code br-sfc} of one DPU node (a VF, PF, uplink, pod or OVN port), mirrored from a
 * DPUServiceInterface; the node's agent creates the OVS port and marks it as its own.
 */
@Group(Sfc.GROUP)
@Version(Sfc.VERSION)
@Kind("ServiceInterface")
@Plural("serviceinterfaces")
@Singular("serviceinterface")
@ShortNames("sfcif")
@Categories({"dpuplane", "sfc"})
@AdditionalPrinterColumn(name = "NODE", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.node")
@AdditionalPrinterColumn(name = "TYPE", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.interfaceType")
@AdditionalPrinterColumn(name = "PORT", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.ovsPort")
@AdditionalPrinterColumn(name = "PROGRAMMED", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type=='Programmed')].status")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class ServiceInterface extends CustomResource<ServiceInterfaceSpec, ServiceInterfaceStatus>
        implements Namespaced {

    @Override
    @Required
    public ServiceInterfaceSpec getSpec() {
        return super.getSpec();
    }
}
