package io.dpuplane.runtime.event;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes events on the objects a controller reconciles ({@code kubectl describe} shows them).
 * Events are written in the background, as client-go's recorder does: a reconcile hands its event over and goes
 * on, rather than waiting a round trip to the API server (on a busy one, hundreds of milliseconds for every create
 * of a thousand). An event that cannot be written is logged, never fails a reconcile; when the API server falls so
 * far behind that {@value #BACKLOG} events wait, new ones are dropped and counted in the log.
 */
public class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final int BACKLOG = 4096;
    private static final int SENDERS = 4;

    private final KubernetesClient client;
    private final String component;
    private final ThreadPoolExecutor senders;
    private final AtomicLong dropped = new AtomicLong();

    public EventRecorder(KubernetesClient client, String component) {
        this.client = client;
        this.component = component;
        this.senders = new ThreadPoolExecutor(SENDERS, SENDERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(BACKLOG),
                r -> {
                    Thread t = new Thread(r, "events-" + component);
                    t.setDaemon(true);
                    return t;
                });
        senders.allowCoreThreadTimeOut(true);
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
        Event event = new EventBuilder()
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
                .build();
        try {
            senders.execute(() -> send(event));
        } catch (RejectedExecutionException e) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) {
                LOG.warn("{} events dropped so far: {} are waiting to be written (latest dropped: {} on {}/{})", n, BACKLOG,
                        reason, namespace, object.getMetadata().getName());
            }
        }
    }

    private void send(Event event) {
        try {
            client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (RuntimeException e) {
            LOG.warn("cannot record event {} on {}/{}: {}", event.getReason(), event.getMetadata().getNamespace(),
                    event.getInvolvedObject().getName(), e.getMessage());
        }
    }
}
