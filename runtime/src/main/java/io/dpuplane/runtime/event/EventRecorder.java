package io.dpuplane.runtime.event;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * of a thousand). The same event again on the same object (same reason, type and message) within
 * {@link #AGGREGATE_WITHIN} counts up the one already written — {@code count} and {@code lastTimestamp}, as client-go
 * aggregates — instead of adding an Event object per retry: a fleet whose DPUs retry an error with backoff would
 * otherwise fill etcd with copies. An event that cannot be written is logged, never fails a reconcile; when the API
 * server falls so far behind that {@value #BACKLOG} events wait, new ones are dropped and counted in the log.
 */
public class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final int BACKLOG = 4096;
    private static final int SENDERS = 4;
    static final Duration AGGREGATE_WITHIN = Duration.ofMinutes(10);
    private static final int REMEMBERED = 4096;

    private final KubernetesClient client;
    private final String component;
    private final ThreadPoolExecutor senders;
    private final AtomicLong dropped = new AtomicLong();
    /** The events written lately, by what makes them the same, oldest first: repeats count up the one written. */
    private final Map<String, Written> written = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Written> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** An event as written: its name, how many times it happened, when last, and its last write (repeats follow it). */
    private record Written(String namespace, String name, int count, Instant last, CompletableFuture<Void> sent) {
    }

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
        Instant at = Instant.now();
        String key = object.getMetadata().getUid() + "\n" + object.getKind() + "\n" + reason + "\n" + type + "\n" + message;
        String name = object.getMetadata().getName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong());
        // Its write, done once the sender has sent it (or given up): remembered before it is handed over, so a repeat
        // at the same moment, on another thread, counts up this one instead of writing an Event of its own.
        CompletableFuture<Void> sent = new CompletableFuture<>();
        synchronized (written) {
            Written before = written.get(key);
            if (before != null && before.last().plus(AGGREGATE_WITHIN).isAfter(at)) {
                // After the event's own write, never before it: the count goes onto an Event that exists.
                int count = before.count() + 1;
                try {
                    CompletableFuture<Void> counted = before.sent().thenRunAsync(
                            () -> countUp(key, before.namespace(), before.name(), count, at), senders);
                    written.put(key, new Written(before.namespace(), before.name(), count, at, counted));
                } catch (RejectedExecutionException e) {
                    dropped(reason, namespace, object);
                }
                return;
            }
            written.put(key, new Written(namespace, name, 1, at, sent));
        }
        String now = at.toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(name)
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
            senders.execute(() -> {
                try {
                    send(event, key);
                } finally {
                    sent.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            forget(key, name);
            sent.complete(null);
            dropped(reason, namespace, object);
        }
    }

    private void dropped(String reason, String namespace, HasMetadata object) {
        long n = dropped.incrementAndGet();
        if (Long.bitCount(n) == 1) {
            LOG.warn("{} events dropped so far: {} are waiting to be written (latest dropped: {} on {}/{})", n, BACKLOG,
                    reason, namespace, object.getMetadata().getName());
        }
    }

    /**
     * The event happened again: its count and last time, as one merge patch. One that cannot be counted up (never
     * written, or gone since) is forgotten: the next repeat writes it anew.
     */
    private void countUp(String key, String namespace, String name, int count, Instant last) {
        try {
            client.v1().events().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"count\":" + count + ",\"lastTimestamp\":\"" + last + "\"}");
        } catch (RuntimeException e) {
            forget(key, name);
            LOG.warn("cannot count up event {}/{}: {}", namespace, name, e.getMessage());
        }
    }

    /** Writes the event; one that could not be written is forgotten, so its next repeat writes it, not counts it up. */
    private void send(Event event, String key) {
        try {
            client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (RuntimeException e) {
            forget(key, event.getMetadata().getName());
            LOG.warn("cannot record event {} on {}/{}: {}", event.getReason(), event.getMetadata().getNamespace(),
                    event.getInvolvedObject().getName(), e.getMessage());
        }
    }

    private void forget(String key, String name) {
        synchronized (written) {
            Written remembered = written.get(key);
            if (remembered != null && remembered.name().equals(name)) {
                written.remove(key);
            }
        }
    }

    /** Completes once every event handed over so far is written (or given up on). */
    CompletableFuture<Void> handedOver() {
        synchronized (written) {
            return CompletableFuture.allOf(written.values().stream().map(Written::sent).toArray(CompletableFuture[]::new));
        }
    }
}
