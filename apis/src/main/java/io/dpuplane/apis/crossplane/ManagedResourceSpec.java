package io.dpuplane.apis.crossplane;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields every namespaced (Crossplane v2) managed resource spec carries; a kind's spec extends it
 * with {@code forProvider}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ManagedResourceSpec {

    @Default("{\"kind\":\"ClusterProviderConfig\",\"name\":\"default\"}")
    @JsonPropertyDescription("The provider config that holds the settings and credentials used to reconcile this resource.")
    private ProviderConfigReference providerConfigRef = new ProviderConfigReference();

    @Default("[\"*\"]")
    @JsonPropertyDescription("What the provider may do to the external resource: Observe, Create, Update, Delete, "
            + "LateInitialize, or * for all. Leave Delete out to orphan it on deletion; empty pauses the resource.")
    private List<ManagementPolicy> managementPolicies = new ArrayList<>(List.of(ManagementPolicy.ALL));

    @JsonPropertyDescription("A Secret in this namespace to write the resource's connection details to.")
    private LocalSecretReference writeConnectionSecretToRef;

    public ProviderConfigReference getProviderConfigRef() {
        return providerConfigRef;
    }

    public void setProviderConfigRef(ProviderConfigReference providerConfigRef) {
        this.providerConfigRef = providerConfigRef;
    }

    public List<ManagementPolicy> getManagementPolicies() {
        return managementPolicies;
    }

    public void setManagementPolicies(List<ManagementPolicy> managementPolicies) {
        this.managementPolicies = managementPolicies;
    }

    public LocalSecretReference getWriteConnectionSecretToRef() {
        return writeConnectionSecretToRef;
    }

    public void setWriteConnectionSecretToRef(LocalSecretReference writeConnectionSecretToRef) {
        this.writeConnectionSecretToRef = writeConnectionSecretToRef;
    }
}
