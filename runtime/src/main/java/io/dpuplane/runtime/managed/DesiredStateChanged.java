package io.dpuplane.runtime.managed;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which updates of a managed resource are worth a reconcile, as Crossplane's predicate decides: a new
 * generation (spec or deletion), labels or annotations; not our own status writes, and not our own
 * bookkeeping (the create-pending/succeeded/failed annotations, and the external name set for the first
 * time), each of which the reconcile that wrote it already acts on. Unlike Crossplane, a user removing a
 * stuck create-pending annotation is acted on at once rather than at the next resync.
 */
public final class DesiredStateChanged<R extends HasMetadata> implements OnUpdateFilter<R> {

    @Override
    public boolean accept(R updated, R old) {
        return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
                || !Objects.equals(updated.getMetadata().getDeletionTimestamp(), old.getMetadata().getDeletionTimestamp())
                || !Objects.equals(updated.getMetadata().getLabels(), old.getMetadata().getLabels())
                || !Objects.equals(relevant(updated, old), relevant(old, old))
                || pendingRemoved(updated, old);
    }

    private static boolean pendingRemoved(HasMetadata updated, HasMetadata old) {
        return CrossplaneAnnotations.get(old, CrossplaneAnnotations.CREATE_PENDING).isPresent()
                && CrossplaneAnnotations.get(updated, CrossplaneAnnotations.CREATE_PENDING).isEmpty();
    }

    private static Map<String, String> relevant(HasMetadata resource, HasMetadata old) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        if (annotations == null) {
            return Map.of();
        }
        Map<String, String> copy = new HashMap<>(annotations);
        copy.remove(CrossplaneAnnotations.CREATE_PENDING);
        copy.remove(CrossplaneAnnotations.CREATE_FAILED);
        copy.remove(CrossplaneAnnotations.CREATE_SUCCEEDED);
        if (CrossplaneAnnotations.externalName(old).isEmpty()) {
            copy.remove(CrossplaneAnnotations.EXTERNAL_NAME);
        }
        return copy;
    }
}
