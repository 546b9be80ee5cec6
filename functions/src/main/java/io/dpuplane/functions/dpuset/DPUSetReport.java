package io.dpuplane.functions.dpuset;

import io.dpuplane.functions.sdk.FunctionResponse;
import java.util.List;
import java.util.Optional;

/**
 * What a DPUSet tells its owner: two conditions that always say where the set stands ({@code DPUsReady},
 * {@code DPUsUpdated}), and events only when that changed since the status the composite last reported,
 * because Crossplane rate-limits events per object.
 */
public final class DPUSetReport {

    static final String DPUS_READY = "DPUsReady";
    static final String DPUS_UPDATED = "DPUsUpdated";
    private static final int FAILURES_NAMED = 3;

    private DPUSetReport() {
    }

    /**
     * Everything the report is made of, for one round: the status the set reported last ({@code null}
     * before its first), the one it reports now, the rollout, the failed DPUs, and why no card matched.
     */
    public record Round(DPUSetStatus previous, DPUSetStatus now, Rollout.Plan plan, List<ObservedDpu> failed,
            String noMatch) {

        Optional<DPUSetStatus> before() {
            return Optional.ofNullable(previous);
        }
    }

    public static void report(FunctionResponse response, Round round) {
        conditions(response, round);
        events(response, round);
    }

    private static void conditions(FunctionResponse response, Round round) {
        DPUSetStatus now = round.now();
        if (now.desired() == 0) {
            response.condition(DPUS_READY, false, "NoMatchingDevices", round.noMatch());
        } else if (now.allReady()) {
            response.condition(DPUS_READY, true, "AllReady", allAre(now.desired(), "Ready"));
        } else if (now.failed() > 0) {
            response.condition(DPUS_READY, false, "Failed", progress(now) + ": " + failures(round.failed()));
        } else {
            response.condition(DPUS_READY, false, "Provisioning", progress(now));
        }
        Rollout.Plan plan = round.plan();
        if (plan.outdated() == 0) {
            response.condition(DPUS_UPDATED, true, "UpToDate", now.desired() == 0 ? "no DPUs to update"
                    : allRun(now.desired(), plan.target()));
        } else {
            response.condition(DPUS_UPDATED, false, "RollingUpdate", now.updated() + " of " + dpus(now.desired())
                    + (now.updated() == 1 ? " runs " : " run ") + plan.target() + "; " + rolloutProgress(plan));
        }
    }

    private static void events(FunctionResponse response, Round round) {
        DPUSetStatus now = round.now();
        Optional<DPUSetStatus> previous = round.before();
        if (now.desired() == 0 && previous.map(p -> p.desired() != 0).orElse(true)) {
            response.warning("NoMatchingDevices", round.noMatch());
        }
        if (now.failed() > previous.map(DPUSetStatus::failed).orElse(0)) {
            response.warning("DPUsFailed", dpus(now.failed()) + " failed: " + failures(round.failed()));
        }
        if (now.allReady() && !previous.map(DPUSetStatus::allReady).orElse(false)) {
            response.normal("AllDPUsReady", allAre(now.desired(), "Ready"));
        }
        int outdatedBefore = previous.map(DPUSetStatus::outdated).orElse(0);
        Rollout.Plan plan = round.plan();
        if (plan.outdated() > 0 && outdatedBefore == 0) {
            response.normal("RollingUpdate", "rolling " + dpus(plan.outdated()) + " to " + plan.target()
                    + ", at most " + plan.maxUnavailable() + " unavailable at a time");
        }
        if (plan.outdated() == 0 && outdatedBefore > 0 && now.desired() > 0) {
            response.normal("RollingUpdateComplete", allRun(now.desired(), plan.target()));
        }
    }

    private static String allAre(int count, String state) {
        return count == 1 ? "the DPU is " + state : "all " + dpus(count) + " are " + state;
    }

    private static String allRun(int count, Revision revision) {
        return (count == 1 ? "the DPU runs " : "all " + dpus(count) + " run ") + revision;
    }

    private static String progress(DPUSetStatus now) {
        String text = now.ready() + " of " + dpus(now.desired()) + (now.ready() == 1 ? " is" : " are") + " Ready";
        if (now.provisioning() > 0) {
            text += ", " + now.provisioning() + " provisioning";
        }
        if (now.failed() > 0) {
            text += ", " + now.failed() + " failed";
        }
        return text;
    }

    private static String rolloutProgress(Rollout.Plan plan) {
        return plan.replacing().size() + " being replaced, " + plan.held() + " waiting (at most "
                + plan.maxUnavailable() + " unavailable at a time, " + plan.unavailable() + " unavailable now)";
    }

    private static String failures(List<ObservedDpu> failed) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(FAILURES_NAMED, failed.size()); i++) {
            ObservedDpu dpu = failed.get(i);
            text.append(i == 0 ? "" : "; ").append(dpu.name())
                    .append(dpu.problem().isEmpty() ? "" : " (" + dpu.problem() + ")");
        }
        if (failed.size() > FAILURES_NAMED) {
            text.append("; and ").append(failed.size() - FAILURES_NAMED).append(" more");
        }
        return text.toString();
    }

    private static String dpus(int count) {
        return count + (count == 1 ? " DPU" : " DPUs");
    }
}
