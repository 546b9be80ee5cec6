package io.dpuplane.apis.crossplane;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields every managed resource status carries; a kind's status extends it with {@code atProvider}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ManagedResourceStatus {

    @JsonPropertyDescription("Conditions of the resource: Ready (the external resource is usable) and Synced "
            + "(the last reconcile succeeded), each with a reason and message.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The metadata.generation the provider last reconciled.")
    private Long observedGeneration;

    @JsonPropertyDescription("The last crossplane.io/reconcile-requested-at token the provider handled.")
    private String lastHandledReconcileAt;

    public String getLastHandledReconcileAt() {
        return lastHandledReconcileAt;
    }

    public void setLastHandledReconcileAt(String lastHandledReconcileAt) {
        this.lastHandledReconcileAt = lastHandledReconcileAt;
    }

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
