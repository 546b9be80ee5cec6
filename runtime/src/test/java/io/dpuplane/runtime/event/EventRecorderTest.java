package io.dpuplane.runtime.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Events on a real API server: written in the background, and a repeat counts up the event already written. */
class EventRecorderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KubernetesClient client = TestControlPlanes.host().client();

    @Test
    void theSameEventAgainCountsUpTheOneWrittenAndAnotherMessageIsAnEventOfItsOwn() {
        ConfigMap object = objectInEvents("retried");
        EventRecorder events = new EventRecorder(client, "test/events");

        events.warn(object, "CannotCreateExternalResource", "create failed: quota exceeded");
        events.warn(object, "CannotCreateExternalResource", "create failed: quota exceeded");
        events.warn(object, "CannotCreateExternalResource", "create failed: quota exceeded");
        events.warn(object, "CannotCreateExternalResource", "create failed: the DPU cluster is unreachable");

        await().atMost(WAIT).untilAsserted(() -> assertThat(eventsOn(object)).hasSize(2)
                .anySatisfy(e -> {
                    assertThat(e.getMessage()).isEqualTo("create failed: quota exceeded");
                    assertThat(e.getCount()).as("one Event, counted three times").isEqualTo(3);
                    assertThat(Instant.parse(e.getLastTimestamp())).isAfterOrEqualTo(Instant.parse(e.getFirstTimestamp()));
                })
                .anySatisfy(e -> {
                    assertThat(e.getMessage()).isEqualTo("create failed: the DPU cluster is unreachable");
                    assertThat(e.getCount()).isEqualTo(1);
                }));
    }

    @Test
    void anEventThatCouldNotBeWrittenIsWrittenAtItsNextRepeatNotCountedUp() throws Exception {
        // Its namespace does not exist yet: the API server refuses the Event.
        ConfigMap object = new ConfigMapBuilder().withNewMetadata().withName("early").withNamespace("events-later")
                .withUid("0f6b1c2e-5d4a-4c1b-9a7e-3e2d1c0b9a87").endMetadata().build();
        EventRecorder events = new EventRecorder(client, "test/events");
        events.warn(object, "CannotConnectToProvider", "connect failed: no ProviderConfig");
        events.handedOver().get(30, TimeUnit.SECONDS);

        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("events-later").endMetadata()
                .build()).create();
        events.warn(object, "CannotConnectToProvider", "connect failed: no ProviderConfig");

        await().atMost(WAIT).untilAsserted(() -> assertThat(eventsOn(object)).singleElement()
                .satisfies(e -> assertThat(e.getCount()).isEqualTo(1)));
    }

    @Test
    void theSameNewEventFromManyThreadsAtOnceIsOneEventCountedUp() throws Exception {
        ConfigMap object = objectInEvents("raced");
        EventRecorder events = new EventRecorder(client, "test/events");
        int threads = 8;
        CyclicBarrier together = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> recorded = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                recorded.add(pool.submit(() -> {
                    together.await();
                    events.warn(object, "CannotObserveExternalResource", "observe failed: agent unreachable");
                    return null;
                }));
            }
            for (var r : recorded) {
                r.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        events.handedOver().get(30, TimeUnit.SECONDS);

        assertThat(eventsOn(object)).singleElement().satisfies(e -> assertThat(e.getCount()).isEqualTo(threads));
    }

    /** An object to record events on, in namespace {@code events}. */
    private ConfigMap objectInEvents(String name) {
        if (client.namespaces().withName("events").get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("events").endMetadata().build())
                    .create();
        }
        return client.configMaps().inNamespace("events").resource(new ConfigMapBuilder().withNewMetadata()
                .withName(name).endMetadata().build()).create();
    }

    private List<Event> eventsOn(ConfigMap object) {
        return client.v1().events().inNamespace(object.getMetadata().getNamespace()).list().getItems().stream()
                .filter(e -> object.getMetadata().getUid().equals(e.getInvolvedObject().getUid())).toList();
    }
}
