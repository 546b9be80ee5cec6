package io.dpuplane.runtime.managed;

import io.dpuplane.apis.crossplane.ManagedResource;

/**
 * How one kind observes, creates, updates and deletes its external resource. Calls must be idempotent:
 * a repeated create must not fail because the resource exists, a delete of an absent resource must not
 * fail, and observe must not change the external resource. Observe sets {@code Ready} on the resource.
 */
public interface ExternalClient<M extends ManagedResource<?, ?>> extends AutoCloseable {

    ExternalObservation observe(M resource) throws Exception;

    ExternalCreation create(M resource) throws Exception;

    ExternalUpdate update(M resource) throws Exception;

    void delete(M resource) throws Exception;

    /** Releases what connect acquired; the default holds nothing. */
    @Override
    default void close() {
    }
}
