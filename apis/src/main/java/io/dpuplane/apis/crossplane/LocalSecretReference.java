package io.dpuplane.apis.crossplane;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A Secret in the resource's own namespace. */
public class LocalSecretReference {

    @Required
    @JsonPropertyDescription("Name of the Secret, in the resource's namespace.")
    private String name;

    public LocalSecretReference() {
    }

    public LocalSecretReference(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
