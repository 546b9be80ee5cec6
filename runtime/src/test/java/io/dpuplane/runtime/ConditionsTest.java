package io.dpuplane.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.crossplane.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private final Conditions early = new Conditions(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    private final Conditions later = new Conditions(Clock.fixed(Instant.parse("2026-01-01T01:00:00Z"), ZoneOffset.UTC));

    @Test
    void unchangedConditionKeepsItsTransitionTimeButTakesTheNewGeneration() {
        List<Condition> first = Conditions.set(List.of(), early.available(), 1L);
        List<Condition> second = Conditions.set(first, later.available(), 2L);
        assertThat(second).singleElement().satisfies(c -> {
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(c.getObservedGeneration()).isEqualTo(2L);
        });
    }

    @Test
    void changedConditionReplacesTheOldOneOfTheSameTypeWithANewTransitionTime() {
        List<Condition> conditions = Conditions.set(List.of(), early.reconcileSuccess(), 1L);
        conditions = Conditions.set(conditions, early.creating(), 1L);
        conditions = Conditions.set(conditions, later.reconcileError("cannot reach agent on host-1"), 1L);
        assertThat(conditions).extracting(Condition::getType).containsExactly("Synced", "Ready");
        Condition synced = Conditions.find(conditions, Conditions.SYNCED).orElseThrow();
        assertThat(synced.getStatus()).isEqualTo("False");
        assertThat(synced.getReason()).isEqualTo("ReconcileError");
        assertThat(synced.getMessage()).isEqualTo("cannot reach agent on host-1");
        assertThat(synced.getLastTransitionTime()).isEqualTo("2026-01-01T01:00:00Z");
    }

    @Test
    void standardReasonsMatchCrossplanes() {
        assertThat(List.of(early.available(), early.creating(), early.deleting(), early.unavailable("x"),
                early.reconcileSuccess(), early.reconcileError("x"), early.reconcilePaused()))
                .extracting(c -> c.getType() + "/" + c.getStatus() + "/" + c.getReason())
                .containsExactly("Ready/True/Available", "Ready/False/Creating", "Ready/False/Deleting",
                        "Ready/False/Unavailable", "Synced/True/ReconcileSuccess", "Synced/False/ReconcileError",
                        "Synced/False/ReconcilePaused");
    }
}
