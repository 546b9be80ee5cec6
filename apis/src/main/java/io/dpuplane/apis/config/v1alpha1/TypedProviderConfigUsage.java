package io.dpuplane.apis.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * The record that one managed resource uses one provider config, with Crossplane's layout: the two
 * references at the top level of the object, no spec and no status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class TypedProviderConfigUsage extends CustomResource<Void, Void> {

    @Required
    @JsonPropertyDescription("The provider config that is in use.")
    private ProviderConfigReference providerConfigRef;

    @Required
    @JsonPropertyDescription("The managed resource that uses it.")
    private TypedReference resourceRef;

    public ProviderConfigReference getProviderConfigRef() {
        return providerConfigRef;
    }

    public void setProviderConfigRef(ProviderConfigReference providerConfigRef) {
        this.providerConfigRef = providerConfigRef;
    }

    public TypedReference getResourceRef() {
        return resourceRef;
    }

    public void setResourceRef(TypedReference resourceRef) {
        this.resourceRef = resourceRef;
    }
}
