package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-node objects a DPUServiceInterface or DPUServiceChain is mirrored into, rolled up: how many
 * nodes should have one, how many have it programmed, and which failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeRollup {

    @JsonPropertyDescription("DPU nodes selected, across all target clusters.")
    private Integer nodes;

    @JsonPropertyDescription("DPU nodes whose agent reports the object Programmed.")
    private Integer nodesProgrammed;

    @JsonPropertyDescription("DPU nodes whose agent reports an error, with the error.")
    private List<NodeFailure> nodesFailed = new ArrayList<>();

    public Integer getNodes() {
        return nodes;
    }

    public void setNodes(Integer nodes) {
        this.nodes = nodes;
    }

    public Integer getNodesProgrammed() {
        return nodesProgrammed;
    }

    public void setNodesProgrammed(Integer nodesProgrammed) {
        this.nodesProgrammed = nodesProgrammed;
    }

    public List<NodeFailure> getNodesFailed() {
        return nodesFailed;
    }

    public void setNodesFailed(List<NodeFailure> nodesFailed) {
        this.nodesFailed = nodesFailed;
    }
}
