package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** One interface to create on {@code br-sfc} of one DPU node. */
public class ServiceInterfaceSpec extends InterfaceDefinition {

    @Required
    @ValidationRule(value = "self == oldSelf", message = "node is immutable: the interface belongs to one DPU node")
    @JsonPropertyDescription("The DPU node (Node name in the DPU cluster) whose agent creates the port. Immutable.")
    private String node;

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }
}
