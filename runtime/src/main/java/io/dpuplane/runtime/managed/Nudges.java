package io.dpuplane.runtime.managed;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/**
 * Reconciles a managed resource now because something outside the API server changed for it (a Node joined
 * another cluster, say), instead of waiting for its next poll. A controller registers it as one of its event
 * sources; a nudge before the controller runs, or after it stopped, is dropped (the poll still comes).
 */
public final class Nudges<M extends HasMetadata> extends AbstractEventSource<Void, M> {

    public Nudges(String name) {
        super(Void.class, name);
    }

    /** Asks for a reconcile of the resource with this name (namespace {@code null} for cluster-scoped ones). */
    public void nudge(String namespace, String name) {
        if (isRunning()) {
            getEventHandler().handleEvent(new Event(new ResourceID(name, namespace)));
        }
    }

    @Override
    public Set<Void> getSecondaryResources(M primary) {
        return Set.of();
    }
}
