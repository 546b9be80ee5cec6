package io.dpuplane.apis.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.Condition;
import java.util.ArrayList;
import java.util.List;

/** The observed state of a provider config: how many managed resources use it, and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProviderConfigStatus {

    @JsonPropertyDescription("Number of managed resources using this config (counted from its usages); while "
            + "non-zero the config cannot be deleted.")
    private Long users;

    @JsonPropertyDescription("Conditions of the config, e.g. Terminating/InUse while usages block its deletion.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getUsers() {
        return users;
    }

    public void setUsers(Long users) {
        this.users = users;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
