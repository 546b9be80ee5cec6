package io.dpuplane.agent.dpu.sync;

import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code Programmed} condition on sfc objects. A condition keeps its transition time while its status,
 * reason and message stay the same, so a pass that finds nothing new writes nothing new.
 */
final class Programmed {

    private Programmed() {
    }

    static Condition yes(String reason, Long generation) {
        return condition("True", reason, null, generation);
    }

    static Condition no(String reason, String message, Long generation) {
        return condition("False", reason, message, generation);
    }

    private static Condition condition(String status, String reason, String message, Long generation) {
        return new Condition(Sfc.PROGRAMMED_CONDITION, status, reason, message,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), generation);
    }

    /** The conditions with {@code update} in place of the one of its type. */
    static List<Condition> merge(List<Condition> existing, Condition update) {
        List<Condition> result = new ArrayList<>();
        boolean replaced = false;
        for (Condition current : existing == null ? List.<Condition>of() : existing) {
            if (!update.getType().equals(current.getType())) {
                result.add(current);
                continue;
            }
            boolean same = Objects.equals(current.getStatus(), update.getStatus())
                    && Objects.equals(current.getReason(), update.getReason())
                    && Objects.equals(current.getMessage(), update.getMessage());
            result.add(new Condition(update.getType(), update.getStatus(), update.getReason(), update.getMessage(),
                    same ? current.getLastTransitionTime() : update.getLastTransitionTime(),
                    update.getObservedGeneration()));
            replaced = true;
        }
        if (!replaced) {
            result.add(update);
        }
        return result;
    }
}
