package io.dpuplane.runtime.managed;

import io.dpuplane.apis.crossplane.ManagedResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a managed resource's metadata (annotations, finalizer) the two ways Crossplane does: a plain
 * update that fails on a stale copy (for {@code external-create-pending}, so two workers never both
 * create), and a critical update that re-reads and retries on conflicts (for what must not be lost).
 * After a write the in-memory resource carries the server's metadata, keeping its unsaved status.
 */
final class ManagedResourceWriter {

    static final String FINALIZER = "finalizer.managedresource.crossplane.io";
    private static final int CRITICAL_ATTEMPTS = 5;

    private final KubernetesClient client;

    ManagedResourceWriter(KubernetesClient client) {
        this.client = client;
    }

    /** Applies a change and updates, failing with a 409 conflict when the resource changed meanwhile. */
    <M extends ManagedResource<?, ?>> void update(M resource, Consumer<M> change) {
        change.accept(resource);
        M updated = client.resource(resource).update();
        resource.setMetadata(updated.getMetadata());
    }

    /** Applies a change to the latest copy and updates, retrying on conflicts. */
    @SuppressWarnings("unchecked")
    <M extends ManagedResource<?, ?>> void criticalUpdate(M resource, Consumer<M> change) {
        KubernetesClientException last = null;
        for (int attempt = 0; attempt < CRITICAL_ATTEMPTS; attempt++) {
            M latest = attempt == 0 ? resource : (M) client.resource(resource).get();
            if (latest == null) {
                return;
            }
            change.accept(latest);
            try {
                M updated = client.resource(latest).update();
                change.accept(resource);
                resource.setMetadata(updated.getMetadata());
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /**
     * Makes sure the finalizer is on the resource, and writes the external name set in memory when
     * {@code nameUnsaved}; one critical update, or none when both are there already.
     */
    <M extends ManagedResource<?, ?>> void initialize(M resource, boolean nameUnsaved) {
        if (nameUnsaved || !resource.getMetadata().getFinalizers().contains(FINALIZER)) {
            String name = CrossplaneAnnotations.externalName(resource).orElse(resource.getMetadata().getName());
            criticalUpdate(resource, r -> {
                withFinalizer(r);
                if (CrossplaneAnnotations.externalName(r).isEmpty()) {
                    CrossplaneAnnotations.set(r, CrossplaneAnnotations.EXTERNAL_NAME, name);
                }
            });
        }
    }

    /** Adds the finalizer to the in-memory resource, if it is not there. */
    static void withFinalizer(ManagedResource<?, ?> resource) {
        List<String> finalizers = new ArrayList<>(resource.getMetadata().getFinalizers());
        if (!finalizers.contains(FINALIZER)) {
            finalizers.add(FINALIZER);
        }
        resource.getMetadata().setFinalizers(finalizers);
    }

    <M extends ManagedResource<?, ?>> void removeFinalizer(M resource) {
        if (resource.getMetadata().getFinalizers().contains(FINALIZER)) {
            criticalUpdate(resource, r -> {
                List<String> finalizers = new ArrayList<>(r.getMetadata().getFinalizers());
                finalizers.remove(FINALIZER);
                r.getMetadata().setFinalizers(finalizers);
            });
        }
    }
}
