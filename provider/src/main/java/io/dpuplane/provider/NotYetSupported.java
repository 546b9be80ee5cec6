package io.dpuplane.provider;

import io.dpuplane.apis.crossplane.ManagedResource;
import io.dpuplane.runtime.managed.ExternalClient;
import io.dpuplane.runtime.managed.ExternalConnector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * The connector of a kind whose reconciliation this provider version does not do yet: every reconcile
 * reports {@code Synced=False} saying so, and nothing external is touched.
 */
public final class NotYetSupported<M extends ManagedResource<?, ?>> implements ExternalConnector<M> {

    private final String kind;

    public NotYetSupported(String kind) {
        this.kind = kind;
    }

    @Override
    public ExternalClient<M> connect(M resource, GenericKubernetesResource providerConfig) {
        throw new IllegalStateException(kind + " is not yet supported by this version of provider-dpuplane; "
                + "the resource is accepted and kept, and nothing is done to the external system");
    }
}
