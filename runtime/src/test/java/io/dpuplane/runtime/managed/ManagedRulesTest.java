package io.dpuplane.runtime.managed;

import static io.dpuplane.apis.crossplane.ManagementPolicy.ALL;
import static io.dpuplane.apis.crossplane.ManagementPolicy.CREATE;
import static io.dpuplane.apis.crossplane.ManagementPolicy.DELETE;
import static io.dpuplane.apis.crossplane.ManagementPolicy.LATE_INITIALIZE;
import static io.dpuplane.apis.crossplane.ManagementPolicy.OBSERVE;
import static io.dpuplane.apis.crossplane.ManagementPolicy.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.runtime.managed.widget.Widget;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure rules of the managed reconciler, each as Crossplane defines it. */
class ManagedRulesTest {

    @Test
    void exactlyCrossplanesSupportedPolicySetsAreAccepted() {
        assertThat(ManagementPolicies.SUPPORTED).hasSize(13).doesNotHaveDuplicates();
        assertThat(ManagementPolicies.of(List.of(ALL)).isSupported()).isTrue();
        assertThat(ManagementPolicies.of(List.of(OBSERVE, UPDATE)).isSupported()).isTrue();
        assertThat(ManagementPolicies.of(List.of(CREATE)).isSupported()).isFalse();
        assertThat(ManagementPolicies.of(List.of(OBSERVE, LATE_INITIALIZE)).isSupported()).isFalse();
        assertThat(ManagementPolicies.of(List.of()).isPaused()).isTrue();
    }

    @Test
    void orphaningMeansLeavingDeleteOut() {
        ManagementPolicies orphan = ManagementPolicies.of(List.of(OBSERVE, CREATE, UPDATE, LATE_INITIALIZE));
        assertThat(orphan.shouldDelete()).isFalse();
        assertThat(orphan.shouldCreate()).isTrue();
        assertThat(ManagementPolicies.of(List.of(ALL)).shouldDelete()).isTrue();
        assertThat(ManagementPolicies.of(List.of(OBSERVE)).shouldOnlyObserve()).isTrue();
        assertThat(ManagementPolicies.of(List.of(OBSERVE, DELETE)).shouldOnlyObserve()).isFalse();
    }

    @Test
    void backoffDoublesFromOneSecondToAMinuteAndResetsOnSuccess() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(List.of(backoff.failed("a"), backoff.failed("a"), backoff.failed("a"), backoff.failed("a")))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        for (int i = 0; i < 40; i++) {
            backoff.failed("a");
        }
        assertThat(backoff.failed("a")).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.failed("b")).as("per object").isEqualTo(Duration.ofSeconds(1));
        backoff.succeeded("a");
        assertThat(backoff.failed("a")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rateLimiterAllowsABurstOfTenTimesTheRateThenMakesCallersWait() {
        GlobalRateLimiter limiter = new GlobalRateLimiter(5);
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.acquire()).as("token %d of the burst", i).isZero();
        }
        Duration wait = limiter.acquire();
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void goDurationsParseAsCrossplaneWritesThem() {
        assertThat(GoDuration.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1.5m")).contains(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("soon")).isEmpty();
        assertThat(GoDuration.parse("10")).isEmpty();
        assertThat(GoDuration.parse("5m junk")).isEmpty();
    }

    @Test
    void pollIntervalAnnotationOverridesThePollButNotBelowTheMinimum() {
        PollSchedule poll = new PollSchedule(Duration.ofMinutes(1), Duration.ofSeconds(10), 0);
        assertThat(poll.next(widget(Map.of()))).isEqualTo(Duration.ofMinutes(1));
        assertThat(poll.next(widget(Map.of(CrossplaneAnnotations.POLL_INTERVAL, "5m")))).isEqualTo(Duration.ofMinutes(5));
        assertThat(poll.next(widget(Map.of(CrossplaneAnnotations.POLL_INTERVAL, "1s")))).isEqualTo(Duration.ofSeconds(10));
        assertThat(poll.next(widget(Map.of(CrossplaneAnnotations.POLL_INTERVAL, "bogus")))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void jitterSpreadsPollsWithinTheFraction() {
        PollSchedule poll = new PollSchedule(Duration.ofSeconds(100), Duration.ofSeconds(1), 0.1);
        for (int i = 0; i < 200; i++) {
            assertThat(poll.next(widget(Map.of()))).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(110));
        }
    }

    @Test
    void aCreateIsIncompleteOnlyWhilePendingIsNewerThanBothOutcomes() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        String pending = CrossplaneAnnotations.CREATE_PENDING;
        String succeeded = CrossplaneAnnotations.CREATE_SUCCEEDED;
        String failed = CrossplaneAnnotations.CREATE_FAILED;
        assertThat(CrossplaneAnnotations.createIncomplete(widget(Map.of()))).isFalse();
        assertThat(CrossplaneAnnotations.createIncomplete(widget(Map.of(pending, t0.toString())))).isTrue();
        assertThat(CrossplaneAnnotations.createIncomplete(widget(Map.of(pending, t0.toString(),
                succeeded, t0.plusSeconds(1).toString())))).isFalse();
        assertThat(CrossplaneAnnotations.createIncomplete(widget(Map.of(pending, t0.plusSeconds(5).toString(),
                succeeded, t0.toString(), failed, t0.plusSeconds(1).toString())))).isTrue();
        assertThat(CrossplaneAnnotations.createIncomplete(widget(Map.of(pending, t0.toString(),
                failed, t0.plusSeconds(1).toString())))).isFalse();
    }

    private static Widget widget(Map<String, String> annotations) {
        Widget widget = new Widget();
        widget.setMetadata(new ObjectMetaBuilder().withName("w").withAnnotations(annotations).build());
        return widget;
    }
}
