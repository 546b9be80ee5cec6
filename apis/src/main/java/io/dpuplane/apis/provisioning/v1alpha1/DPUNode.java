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
 * Inventory: one host with BlueField cards, published by the dpuplane agent running on it, with a heartbeat
 * so a dead agent shows. Not a managed resource: nobody but the agent writes it.
 */
@Group(Provisioning.GROUP)
@Version(Provisioning.VERSION)
@Kind("DPUNode")
@Plural("dpunodes")
@Singular("dpunode")
@ShortNames("dpun")
@Categories({"dpuplane", "inventory"})
@AdditionalPrinterColumn(name = "HOSTNAME", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.hostname")
@AdditionalPrinterColumn(name = "AGENT", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.agentVersion")
@AdditionalPrinterColumn(name = "ENDPOINT", type = AdditionalPrinterColumn.Type.STRING, priority = 1,
        jsonPath = ".spec.agentEndpoint")
@AdditionalPrinterColumn(name = "DEVICES", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.devices")
@AdditionalPrinterColumn(name = "HEARTBEAT", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".status.lastHeartbeatTime")
@AdditionalPrinterColumn(name = "AGE", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class DPUNode extends CustomResource<DPUNodeSpec, DPUNodeStatus> implements Namespaced {

    @Override
    @Required
    public DPUNodeSpec getSpec() {
        return super.getSpec();
    }
}
