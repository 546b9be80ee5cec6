package io.dpuplane.agent.dpu.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Writes sfc objects' statuses through the status subresource, in the background, {@value #WRITERS} at a
 * time: with a thousand objects the round trips to the API server, not OVS, are what takes time, and a pass
 * should not wait for them before programming the next change. Only a status that differs from what the
 * object shows (or from what this agent last wrote, since the informer's copy lags its own writes) is
 * written, and only the newest one staged for an object; a failed write is tried again, up to
 * {@value #ATTEMPTS} times, then left to the next pass.
 */
final class StatusWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StatusWriter.class);
    private static final int WRITERS = 8;
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final Map<String, JsonNode> written = new ConcurrentHashMap<>();
    private final Map<String, Object> writtenStatus = new ConcurrentHashMap<>();
    private final Map<String, Write<?>> newest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(WRITERS, r -> {
        Thread t = new Thread(r, "dpu-agent-status");
        t.setDaemon(true);
        return t;
    });

    /** One status to write for one object. */
    private record Write<S>(CustomResource<?, S> current, S status, JsonNode json) {
    }

    StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /** Queues the status for writing unless it is already there; whether it was queued. */
    <S> boolean stage(CustomResource<?, S> current, S status) {
        JsonNode desired = json(status);
        String uid = current.getMetadata().getUid();
        Write<?> queued = newest.get(uid);
        if (queued != null ? desired.equals(queued.json())
                : desired.equals(written.get(uid)) || desired.equals(json(current.getStatus()))) {
            written.putIfAbsent(uid, desired);
            return false;
        }
        Write<S> write = new Write<>(current, status, desired);
        newest.put(uid, write);
        pool.execute(() -> run(uid, write, 1));
        return true;
    }

    private <S> void run(String uid, Write<S> write, int attempt) {
        if (newest.get(uid) != write) {
            return;
        }
        try {
            write(write.current(), write.status());
            written.put(uid, write.json());
            writtenStatus.put(uid, write.status());
            newest.remove(uid, write);
        } catch (RuntimeException e) {
            if (pool.isShutdown()) {
                return;
            }
            if (attempt >= ATTEMPTS) {
                newest.remove(uid, write);
                LOG.warnf("cannot write the status of %s %s/%s: %s", write.current().getKind(),
                        write.current().getMetadata().getNamespace(), write.current().getMetadata().getName(),
                        e.getMessage());
                return;
            }
            pool.schedule(() -> run(uid, write, attempt + 1), attempt, TimeUnit.SECONDS);
        }
    }

    /** How many writes are queued or running. */
    int pending() {
        return newest.size();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <S> void write(CustomResource<?, S> current, S status) {
        CustomResource copy = client.getKubernetesSerialization().clone(current);
        copy.setStatus(status);
        try {
            client.resource(copy).updateStatus();
            return;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return;
            }
            if (e.getCode() != 409) {
                throw e;
            }
        }
        CustomResource fresh = (CustomResource) client.resources(current.getClass())
                .inNamespace(current.getMetadata().getNamespace()).withName(current.getMetadata().getName()).get();
        if (fresh != null) {
            fresh.setStatus(status);
            client.resource(fresh).updateStatus();
        }
    }

    /** The status to build on: the newest this agent staged or wrote, else what the object shows. */
    @SuppressWarnings("unchecked")
    <S> S base(CustomResource<?, S> current) {
        String uid = current.getMetadata().getUid();
        Write<?> queued = newest.get(uid);
        Object mine = queued != null ? queued.status() : writtenStatus.get(uid);
        return mine != null ? (S) mine : current.getStatus();
    }

    /** Forgets what was written, so the next pass compares against the objects themselves. */
    void forget() {
        written.clear();
        writtenStatus.clear();
    }

    /** Drops what is remembered of objects that are gone. */
    void retain(Set<String> uids) {
        written.keySet().retainAll(uids);
        writtenStatus.keySet().retainAll(uids);
    }

    private JsonNode json(Object status) {
        return Objects.requireNonNullElse(client.getKubernetesSerialization().convertValue(status, JsonNode.class),
                NullNode.getInstance());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
