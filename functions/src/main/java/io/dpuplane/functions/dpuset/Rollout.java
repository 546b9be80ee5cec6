package io.dpuplane.functions.dpuset;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rolling update of a DPUSet. A DPU whose spec names another BFB or flavor than the set is outdated;
 * replacing it (desiring the set's revision) re-provisions it, so at most {@code maxUnavailable} DPUs may
 * be down at once, counting every DPU that is not Ready. Outdated DPUs that are down already are replaced
 * first, since that costs no availability; the others keep their old revision until their turn. New cards
 * get the set's revision straight away: there is nothing on them to keep available.
 */
public final class Rollout {

    private Rollout() {
    }

    /** One card of the set, with its DPU once that exists ({@code null} before). */
    record Member(Device device, ObservedDpu dpu) {

        boolean exists() {
            return dpu != null;
        }

        boolean isOutdated(Revision target) {
            return dpu != null && !dpu.runs(target);
        }

        boolean isUnavailable() {
            return dpu != null && !dpu.ready();
        }
    }

    /** The revision to desire for each DPU, and what that means for availability. */
    public record Plan(Revision target, Map<String, Revision> revisions, Set<String> replacing, int outdated,
            int unavailable, int maxUnavailable) {

        public Revision revisionOf(String key) {
            return revisions.getOrDefault(key, target);
        }

        /** Whether this round tells the DPU to re-provision with the set's revision. */
        public boolean isReplacing(String key) {
            return replacing.contains(key);
        }

        /** Outdated DPUs left on their old revision after this round. */
        public int held() {
            return outdated - replacing.size();
        }
    }

    /** Plans one round; members in a stable order (by key), so the same DPUs go first every time. */
    static Plan plan(List<Member> members, Revision target, int maxUnavailable) {
        Map<String, Revision> revisions = new HashMap<>();
        Set<String> replacing = new LinkedHashSet<>();
        int unavailable = 0;
        int outdated = 0;
        for (Member member : members) {
            if (member.isUnavailable()) {
                unavailable++;
            }
            if (member.isOutdated(target)) {
                outdated++;
                if (member.isUnavailable()) {
                    replacing.add(member.device().key());
                }
            }
        }
        int budget = maxUnavailable - unavailable;
        for (Member member : members) {
            String key = member.device().key();
            if (!member.isOutdated(target) || replacing.contains(key)) {
                continue;
            }
            if (budget > 0) {
                replacing.add(key);
                budget--;
            } else {
                revisions.put(key, member.dpu().revision());
            }
        }
        return new Plan(target, revisions, replacing, outdated, unavailable, maxUnavailable);
    }
}
