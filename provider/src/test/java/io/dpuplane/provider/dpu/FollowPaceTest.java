package io.dpuplane.provider.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dpuplane.provider.dpu.FollowPace.Yield;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FollowPaceTest {

    private final FollowPace pace = new FollowPace(100);

    @Test
    void fewInstallsAreFollowedAtTheirBasePace() {
        assertThat(pace.every(Duration.ofSeconds(2), 10, Yield.NONE)).isEqualTo(Duration.ofSeconds(2));
        assertThat(pace.every(Duration.ofSeconds(5), 0, Yield.NONE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void manyInstallsTogetherTakeAtMostHalfTheReconcileBudget() {
        Duration every = pace.every(Duration.ofSeconds(2), 1_000, Yield.NONE);
        assertThat(every).isEqualTo(Duration.ofSeconds(20));
        assertThat(1_000 / (double) every.toSeconds()).as("follows per second").isLessThanOrEqualTo(50);
    }

    @Test
    void aBootingCardsFollowTakesAtMostAQuarterOfTheBudget() {
        Duration every = pace.every(Duration.ofSeconds(2), 600, Yield.BOOTING);
        assertThat(every).isEqualTo(Duration.ofSeconds(24));
        assertThat(600 / (double) every.toSeconds()).as("follows per second").isLessThanOrEqualTo(25);
        assertThat(pace.every(Duration.ofSeconds(2), 10, Yield.BOOTING)).as("few in flight: still their base pace")
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void whileDpusWaitToStartFollowingTakesAtMostASixteenth() {
        Duration every = pace.every(Duration.ofSeconds(2), 600, Yield.STARTS);
        assertThat(every).isEqualTo(Duration.ofSeconds(96));
        assertThat(600 / (double) every.toSeconds()).as("follows per second").isLessThanOrEqualTo(100 / 16.0);
        assertThat(pace.every(Duration.ofSeconds(2), 10, Yield.STARTS)).as("few in flight: still their base pace")
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void dpusWaitingToStartComeBeforeABootingCardsLook() {
        assertThat(Yield.of(true, true)).isEqualTo(Yield.STARTS);
        assertThat(Yield.of(true, false)).isEqualTo(Yield.STARTS);
        assertThat(Yield.of(false, true)).isEqualTo(Yield.BOOTING);
        assertThat(Yield.of(false, false)).isEqualTo(Yield.NONE);
    }

    @Test
    void noInstallWaitsLongerThanHalfAMinuteBetweenLooksUnlessStartsWait() {
        assertThat(pace.every(Duration.ofSeconds(2), 100_000, Yield.NONE)).isEqualTo(Duration.ofSeconds(30));
        assertThat(pace.every(Duration.ofSeconds(2), 100_000, Yield.BOOTING)).isEqualTo(Duration.ofSeconds(30));
        assertThat(pace.every(Duration.ofSeconds(2), 100_000, Yield.STARTS)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aBudgetOfNothingIsRefused() {
        assertThatThrownBy(() -> new FollowPace(0)).hasMessageContaining("maxReconcileRate must be at least 1");
    }
}
