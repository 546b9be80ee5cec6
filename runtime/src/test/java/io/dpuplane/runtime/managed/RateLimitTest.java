package io.dpuplane.runtime.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.managed.widget.Widget;
import io.dpuplane.runtime.managed.widget.WidgetSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The global reconcile rate limit holds on a real API server: no more reconciles than burst + rate x time. */
class RateLimitTest {

    @Test
    void reconcilesNeverOutpaceTheGlobalRateLimitAndDelayedWorkStillHappens() {
        double rate = 2;
        int widgets = 60;
        List<Long> reconciles = new CopyOnWriteArrayList<>();
        ManagedMetrics recording = (kind, outcome, took) -> {
            if (outcome != ManagedMetrics.Outcome.RATE_LIMITED) {
                reconciles.add(System.nanoTime());
            }
        };
        // Paused widgets cost exactly one reconcile each, so demand (60 at once) is three times the burst (20).
        try (WidgetWorld world = WidgetWorld.start("ratelimited", WidgetWorld.fastOptions(rate).withMetrics(recording))) {
            long start = System.nanoTime();
            for (int i = 0; i < widgets; i++) {
                Widget widget = new Widget();
                widget.setMetadata(new ObjectMetaBuilder().withName("w" + i).withNamespace(world.namespace)
                        .withAnnotations(Map.of(CrossplaneAnnotations.PAUSED, "true")).build());
                widget.setSpec(new WidgetSpec());
                world.client.resource(widget).create();
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> world.client.resources(Widget.class)
                    .inNamespace(world.namespace).list().getItems().stream()
                    .filter(w -> w.getStatus() != null)
                    .filter(w -> Conditions.find(w.getStatus().getConditions(), Conditions.SYNCED).isPresent())
                    .count() == widgets);
            assertThat(reconciles).hasSizeGreaterThanOrEqualTo(widgets);
            for (long at : reconciles) {
                double elapsed = (at - start) / 1e9;
                long upToNow = reconciles.stream().filter(t -> t <= at).count();
                assertThat((double) upToNow).as("reconciles within %.2fs", elapsed)
                        .isLessThanOrEqualTo(rate * 10 + rate * elapsed + 1);
            }
            double took = (System.nanoTime() - start) / 1e9;
            assertThat(took).as("60 reconciles at 2/s after a burst of 20 take at least 20 s").isGreaterThanOrEqualTo(19);
        }
    }
}
