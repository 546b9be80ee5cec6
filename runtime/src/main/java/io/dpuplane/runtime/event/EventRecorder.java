package io.dpuplane.runtime.event;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes events on the objects a controller reconciles ({@code kubectl describe} shows them).
 * An event that cannot be written is logged, never fails a reconcile.
 */
public class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final String component;

    public EventRecorder(KubernetesClient client, String component) {
        this.client = client;
        this.component = component;
    }

    public void record(HasMetadata object, EventReason reason, String message, Map<String, String> annotations) {
        record(object, reason.wireName(), reason.type(), message, annotations);
    }

    /** A Warning event with a kind's own reason (e.g. {@code EvictionBlocked}), beyond the managed reconciler's. */
    public void warn(HasMetadata object, String reason, String message) {
        record(object, reason, "Warning", message, Map.of());
    }

    private void record(HasMetadata object, String reason, String type, String message, Map<String, String> annotations) {
        String namespace = object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
        String now = Instant.now().toString();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata()
                    .withName(object.getMetadata().getName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()))
                    .withNamespace(namespace)
                    .withAnnotations(annotations)
                    .endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(object.getApiVersion()).withKind(object.getKind())
                            .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
                            .withUid(object.getMetadata().getUid())
                            .withResourceVersion(object.getMetadata().getResourceVersion()).build())
                    .withReason(reason)
                    .withMessage(message)
                    .withType(type)
                    .withFirstTimestamp(now)
                    .withLastTimestamp(now)
                    .withCount(1)
                    .withNewSource().withComponent(component).endSource()
                    .withReportingComponent(component)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warn("cannot record event {} on {}/{}: {}", reason, namespace,
                    object.getMetadata().getName(), e.getMessage());
        }
    }
}
