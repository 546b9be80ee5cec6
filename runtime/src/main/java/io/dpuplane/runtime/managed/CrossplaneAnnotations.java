package io.dpuplane.runtime.managed;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The Crossplane annotations on a managed resource, read and written in one place. */
public final class CrossplaneAnnotations {

    public static final String EXTERNAL_NAME = "crossplane.io/external-name";
    public static final String CREATE_PENDING = "crossplane.io/external-create-pending";
    public static final String CREATE_SUCCEEDED = "crossplane.io/external-create-succeeded";
    public static final String CREATE_FAILED = "crossplane.io/external-create-failed";
    public static final String PAUSED = "crossplane.io/paused";
    public static final String POLL_INTERVAL = "crossplane.io/poll-interval";
    public static final String RECONCILE_REQUESTED_AT = "crossplane.io/reconcile-requested-at";

    private CrossplaneAnnotations() {
    }

    public static Optional<String> get(HasMetadata resource, String key) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? Optional.empty() : Optional.ofNullable(annotations.get(key)).filter(v -> !v.isEmpty());
    }

    public static void set(HasMetadata resource, String key, String value) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        annotations = annotations == null ? new HashMap<>() : new HashMap<>(annotations);
        annotations.put(key, value);
        resource.getMetadata().setAnnotations(annotations);
    }

    public static Optional<String> externalName(HasMetadata resource) {
        return get(resource, EXTERNAL_NAME);
    }

    public static boolean isPaused(HasMetadata resource) {
        return get(resource, PAUSED).map("true"::equals).orElse(false);
    }

    /**
     * Whether a create was started and never recorded as finished: the pending time is newer than both the
     * succeeded and the failed time. The reconciler must then not create again.
     */
    public static boolean createIncomplete(HasMetadata resource) {
        Optional<Instant> pending = time(resource, CREATE_PENDING);
        if (pending.isEmpty()) {
            return false;
        }
        Instant started = pending.get();
        return time(resource, CREATE_SUCCEEDED).map(started::isAfter).orElse(true)
                && time(resource, CREATE_FAILED).map(started::isAfter).orElse(true);
    }

    /** When the last successful create was recorded, if ever. */
    public static Optional<Instant> createSucceededAt(HasMetadata resource) {
        return time(resource, CREATE_SUCCEEDED);
    }

    private static Optional<Instant> time(HasMetadata resource, String key) {
        return get(resource, key).flatMap(value -> {
            try {
                return Optional.of(Instant.parse(value));
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }
}
