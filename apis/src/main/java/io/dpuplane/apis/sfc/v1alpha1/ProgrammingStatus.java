package io.dpuplane.apis.sfc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.Condition;
import java.util.ArrayList;
import java.util.List;

/** What every sfc object's status carries: the agent's conditions and the generation it last applied. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ProgrammingStatus {

    @JsonPropertyDescription("Conditions set by the DPU's agent: Programmed is True once the object is applied "
            + "on the node, False with the OVS or IPAM error otherwise.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The metadata.generation the agent last applied.")
    private Long observedGeneration;

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }
}
