package io.dpuplane.runtime.managed;

import io.dpuplane.apis.crossplane.ManagedResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Builds the client for one reconcile of one resource from the provider config it references (already
 * looked up and its usage recorded by the reconciler).
 */
@FunctionalInterface
public interface ExternalConnector<M extends ManagedResource<?, ?>> {

    ExternalClient<M> connect(M resource, GenericKubernetesResource providerConfig) throws Exception;
}
