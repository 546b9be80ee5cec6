package io.dpuplane.provider.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FollowPaceTest {

    private final FollowPace pace = new FollowPace(100);

    @Test
    void fewInstallsAreFollowedAtTheirBasePace() {
        assertThat(pace.every(Duration.ofSeconds(2), 10, false)).isEqualTo(Duration.ofSeconds(2));
        assertThat(pace.every(Duration.ofSeconds(5), 0, false)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void manyInstallsTogetherTakeAtMostHalfTheReconcileBudget() {
        Duration every = pace.every(Duration.ofSeconds(2), 1_000, false);
        assertThat(every).isEqualTo(Duration.ofSeconds(20));
        assertThat(1_000 / (double) every.toSeconds()).as("follows per second").isLessThanOrEqualTo(50);
    }

    @Test
    void aYieldingFollowTakesAtMostAQuarterOfTheBudget() {
        Duration every = pace.every(Duration.ofSeconds(2), 600, true);
        assertThat(every).isEqualTo(Duration.ofSeconds(24));
        assertThat(600 / (double) every.toSeconds()).as("follows per second").isLessThanOrEqualTo(25);
        assertThat(pace.every(Duration.ofSeconds(2), 10, true)).as("few in flight: still their base pace")
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void noInstallWaitsLongerThanHalfAMinuteBetweenLooks() {
        assertThat(pace.every(Duration.ofSeconds(2), 100_000, true)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aBudgetOfNothingIsRefused() {
        assertThatThrownBy(() -> new FollowPace(0)).hasMessageContaining("maxReconcileRate must be at least 1");
    }
}
