package io.dpuplane.runtime.managed;

import static org.awaitility.Awaitility.await;

import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.managed.widget.Widget;
import io.dpuplane.runtime.managed.widget.WidgetSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark, not a test: reconciles N managed resources of the test kind to Ready on a real API server and
 * reports the time, reconciles per second and peak heap. Run it with {@code make bench}
 * ({@code -Dbench.count=2000 -Dbench.rate=100}).
 */
public final class ManagedReconcilerBenchmark {

    private ManagedReconcilerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.count", 2000);
        double rate = Double.parseDouble(System.getProperty("bench.rate", "100"));
        AtomicLong reconciles = new AtomicLong();
        ManagedReconcilerOptions options = ManagedReconcilerOptions.defaults(new GlobalRateLimiter(rate))
                .withMetrics((kind, outcome, took) -> {
                    if (outcome != ManagedMetrics.Outcome.RATE_LIMITED) {
                        reconciles.incrementAndGet();
                    }
                });
        resetPeaks();
        try (WidgetWorld world = WidgetWorld.start("bench", options)) {
            long start = System.nanoTime();
            ExecutorService creators = Executors.newFixedThreadPool(8);
            for (int i = 0; i < count; i++) {
                int n = i;
                creators.submit(() -> world.client.resource(widget(world.namespace, "bench-" + n)).create());
            }
            creators.shutdown();
            creators.awaitTermination(10, TimeUnit.MINUTES);
            long created = System.nanoTime();
            // A progress line every 2 s until all are Ready.
            await("all Ready").atMost(Duration.ofMinutes(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        long ready = ready(world);
                        if (ready < count) {
                            System.out.printf(Locale.ROOT, "  %5.1fs  ready %d/%d  reconciles %d%n",
                                    (System.nanoTime() - start) / 1e9, ready, count, reconciles.get());
                        }
                        return ready >= count;
                    });
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%nmanaged reconciler benchmark: %d resources Ready and Synced%n", count);
            System.out.printf(Locale.ROOT, "  max reconcile rate        %.0f/s (burst %.0f)%n", rate, rate * 10);
            System.out.printf(Locale.ROOT, "  created in                %.1f s%n", (created - start) / 1e9);
            System.out.printf(Locale.ROOT, "  all Ready after           %.1f s%n", seconds);
            System.out.printf(Locale.ROOT, "  reconciles                %d (%.1f per resource)%n", reconciles.get(),
                    reconciles.get() / (double) count);
            System.out.printf(Locale.ROOT, "  reconciles per second     %.1f%n", reconciles.get() / seconds);
            System.out.printf(Locale.ROOT, "  peak heap used            %d MiB%n", peakHeapBytes() / (1024 * 1024));
        }
        System.exit(0);
    }

    private static Widget widget(String namespace, String name) {
        Widget widget = new Widget();
        widget.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        widget.setSpec(new WidgetSpec());
        widget.getSpec().getForProvider().setSize(1);
        return widget;
    }

    private static long ready(WidgetWorld world) {
        List<Widget> widgets = world.client.resources(Widget.class).inNamespace(world.namespace).list().getItems();
        return widgets.stream().filter(w -> w.getStatus() != null)
                .filter(w -> Conditions.find(w.getStatus().getConditions(), Conditions.READY)
                        .map(c -> "True".equals(c.getStatus())).orElse(false))
                .filter(w -> Conditions.find(w.getStatus().getConditions(), Conditions.SYNCED)
                        .map(c -> "True".equals(c.getStatus())).orElse(false))
                .count();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

}
