package io.dpuplane.apis.crossplane;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A typed reference to a ProviderConfig (same namespace) or a ClusterProviderConfig. */
public class ProviderConfigReference {

    @Required
    @ValidationRule(value = "self == 'ProviderConfig' || self == 'ClusterProviderConfig'",
            message = "kind must be ProviderConfig or ClusterProviderConfig")
    @JsonPropertyDescription("ProviderConfig (in the resource's namespace) or ClusterProviderConfig.")
    private String kind = "ClusterProviderConfig";

    @Required
    @JsonPropertyDescription("Name of the provider config.")
    private String name = "default";

    public ProviderConfigReference() {
    }

    public ProviderConfigReference(String kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
