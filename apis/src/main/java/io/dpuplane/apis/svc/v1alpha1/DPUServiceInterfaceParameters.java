package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.sfc.v1alpha1.InterfaceDefinition;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** An interface (type and details, validated as in ServiceInterface) and the DPU nodes to create it on. */
public class DPUServiceInterfaceParameters extends InterfaceDefinition {

    @Required
    @JsonPropertyDescription("The DPU clusters to create the interface in.")
    private ClusterTargets clusters;

    @JsonPropertyDescription("Labels of the DPU nodes within those clusters to create it on; unset means all.")
    private Map<String, String> nodeSelector;

    public ClusterTargets getClusters() {
        return clusters;
    }

    public void setClusters(ClusterTargets clusters) {
        this.clusters = clusters;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }
}
