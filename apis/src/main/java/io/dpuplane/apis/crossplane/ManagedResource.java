package io.dpuplane.apis.crossplane;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

/**
 * A namespaced (Crossplane v2) managed resource: {@code spec.forProvider} plus the Crossplane common spec
 * fields, {@code status.atProvider} plus conditions. Every dpuplane MR kind extends this; the managed
 * reconciler in {@code runtime/} works on this type alone.
 */
public abstract class ManagedResource<S extends ManagedResourceSpec, T extends ManagedResourceStatus>
        extends CustomResource<S, T> implements Namespaced {

    /** The spec; required, since {@code spec.forProvider} is. */
    @Override
    @Required
    public S getSpec() {
        return super.getSpec();
    }

    /** An empty status of the kind's own status type (the type argument {@code T}). */
    @Override
    @SuppressWarnings("unchecked")
    protected T initStatus() {
        Type type = getClass().getGenericSuperclass();
        while (type instanceof Class<?> c) {
            type = c.getGenericSuperclass();
        }
        Type statusType = ((ParameterizedType) type).getActualTypeArguments()[1];
        try {
            return (T) ((Class<?>) statusType).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(statusType + " needs a public no-argument constructor", e);
        }
    }

    /** The status, created empty when the resource has none yet. */
    @JsonIgnore
    public T requireStatus() {
        if (getStatus() == null) {
            setStatus(initStatus());
        }
        return getStatus();
    }

    /** The management policies, with Crossplane's default ({@code ["*"]}) when the spec has none. */
    @JsonIgnore
    public List<ManagementPolicy> managementPolicies() {
        S spec = getSpec();
        if (spec == null || spec.getManagementPolicies() == null) {
            return List.of(ManagementPolicy.ALL);
        }
        return spec.getManagementPolicies();
    }
}
