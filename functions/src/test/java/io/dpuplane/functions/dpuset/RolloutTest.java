package io.dpuplane.functions.dpuset;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import io.dpuplane.functions.FunctionDispatcher;
import io.dpuplane.functions.proto.v1.Ready;
import io.dpuplane.functions.proto.v1.Resource;
import io.dpuplane.functions.proto.v1.Result;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.sdk.Unstructured;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Rolling updates over several reconcile rounds: the function's desired DPUs go to a simulated provider,
 * which re-provisions a DPU whose BFB or flavor changed (not Ready for two rounds) and reports it back as
 * observed state for the next round, as Crossplane would.
 */
class RolloutTest {

    static final Revision OLD = new Revision("bf-bundle-2.9.1", "standard");
    static final Revision NEW = new Revision("bf-bundle-2.10.0", "standard");

    private final FunctionDispatcher function = new FunctionDispatcher(List.of(new DPUSetFunction()));

    private static String spec(Revision revision, String maxUnavailable) {
        return """
                nodeSelector: {matchLabels: {dpuplane.io/pool: edge}}
                bfbRef: {name: %s}
                flavorRef: {name: %s}
                dpuClusterRef: {name: edge}
                rollingUpdate: {maxUnavailable: %s}
                """.formatted(revision.bfb(), revision.flavor(), maxUnavailable);
    }

    /** The provider's side: DPUs re-provision for two rounds after their BFB or flavor changes. */
    static final class SimulatedProvider {
        private static final int ROUNDS_TO_PROVISION = 2;

        private record State(String host, Revision revision, long generation, int roundsLeft) {
        }

        private final Map<String, State> dpus = new LinkedHashMap<>();

        SimulatedProvider(List<String> hosts, Revision revision) {
            hosts.forEach(host -> dpus.put(DpuNames.key(host, TestFleet.PCI), new State(host, revision, 1, 0)));
        }

        /** Applies the desired DPUs; returns how many were told to re-provision this round. */
        int apply(Map<String, Resource> desired) {
            int replaced = 0;
            for (Map.Entry<String, Resource> entry : desired.entrySet()) {
                Unstructured dpu = new Unstructured(entry.getValue().getResource());
                Revision revision = new Revision(dpu.string("spec", "forProvider", "bfbRef", "name").orElseThrow(),
                        dpu.string("spec", "forProvider", "flavorRef", "name").orElseThrow());
                State current = dpus.get(entry.getKey());
                if (!current.revision().equals(revision)) {
                    replaced++;
                    dpus.put(entry.getKey(), new State(current.host(), revision, current.generation() + 1,
                            ROUNDS_TO_PROVISION));
                }
            }
            return replaced;
        }

        void provisionOneRound() {
            dpus.replaceAll((key, s) -> new State(s.host(), s.revision(), s.generation(),
                    Math.max(0, s.roundsLeft() - 1)));
        }

        long unavailable() {
            return dpus.values().stream().filter(s -> s.roundsLeft() > 0).count();
        }

        boolean allReadyAt(Revision revision) {
            return dpus.values().stream().allMatch(s -> s.roundsLeft() == 0 && s.revision().equals(revision));
        }

        Map<String, Struct> observed() {
            Map<String, Struct> observed = new LinkedHashMap<>();
            dpus.forEach((key, s) -> observed.put(key, TestFleet.dpu(s.host(), s.revision(),
                    s.roundsLeft() == 0 ? TestFleet.Readiness.READY : TestFleet.Readiness.PROVISIONING,
                    s.generation())));
            return observed;
        }
    }

    /** Runs rounds until every DPU is Ready at the target; returns how many were replaced in each round. */
    private List<Integer> rollOut(TestFleet fleet, SimulatedProvider provider, Revision target, int maxUnavailable,
            List<Result> results) {
        List<Integer> replacedPerRound = new ArrayList<>();
        Struct status = null;
        for (int round = 1; round <= 50 && !provider.allReadyAt(target); round++) {
            fleet.observedExactly(provider.observed());
            if (status != null) {
                fleet.dpuSetStatus(status);
            }
            RunFunctionResponse response = function.run(fleet.request());
            results.addAll(response.getResultsList());
            status = response.getDesired().getComposite().getResource().getFieldsOrThrow("status").getStructValue();

            replacedPerRound.add(provider.apply(response.getDesired().getResourcesMap()));
            assertThat(provider.unavailable()).as("DPUs down after round %d", round)
                    .isLessThanOrEqualTo(maxUnavailable);
            provider.provisionOneRound();
        }
        assertThat(provider.allReadyAt(target)).as("every DPU Ready at %s", target).isTrue();
        // The round after: the set sees every DPU Ready at the target.
        RunFunctionResponse settled = function.run(fleet.observedExactly(provider.observed()).dpuSetStatus(status)
                .request());
        results.addAll(settled.getResultsList());
        assertThat(settled.getDesired().getComposite().getReady()).isEqualTo(Ready.READY_TRUE);
        return replacedPerRound;
    }

    @Test
    void aBfbChangeReplacesAtMostMaxUnavailableDpusAtATimeUntilAllRunIt() {
        TestFleet fleet = TestFleet.ofHosts(7).dpuSet(spec(NEW, "2"));
        SimulatedProvider provider = new SimulatedProvider(fleet.hosts(), OLD);
        List<Result> results = new ArrayList<>();

        List<Integer> replaced = rollOut(fleet, provider, NEW, 2, results);

        assertThat(replaced).allMatch(count -> count <= 2);
        assertThat(replaced.stream().mapToInt(Integer::intValue).sum()).isEqualTo(7);
        // Two at a time, each pair down for two rounds: 2, 0, 2, 0, 2, 0, 1.
        assertThat(replaced).startsWith(2, 0, 2, 0, 2, 0, 1);
        assertThat(results).extracting(Result::getReason)
                .containsSubsequence("RollingUpdate", "RollingUpdateComplete", "AllDPUsReady")
                .containsOnlyOnce("RollingUpdate", "RollingUpdateComplete");
    }

    @Test
    void aPercentageIsOfTheSetRoundedUpAndAFlavorChangeRollsOutTheSameWay() {
        Revision newFlavor = new Revision("bf-bundle-2.9.1", "hbn");
        TestFleet fleet = TestFleet.ofHosts(10).dpuSet(spec(newFlavor, "25%"));
        SimulatedProvider provider = new SimulatedProvider(fleet.hosts(), OLD);

        List<Integer> replaced = rollOut(fleet, provider, newFlavor, 3, new ArrayList<>());

        assertThat(replaced).allMatch(count -> count <= 3).contains(3);
        assertThat(replaced.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
    }

    @Test
    void outdatedDpusThatAreDownAlreadyGoFirstWithoutUsingTheBudget() {
        TestFleet fleet = TestFleet.ofHosts(4).dpuSet(spec(NEW, "1")).allDpusReadyAt(OLD)
                .observedDpu("worker-3", OLD, false);

        RunFunctionResponse response = function.run(fleet.request());

        assertThat(bfbs(response)).containsExactly(Map.entry("worker-1", OLD.bfb()), Map.entry("worker-2", OLD.bfb()),
                Map.entry("worker-3", NEW.bfb()), Map.entry("worker-4", OLD.bfb()));
    }

    @Test
    void upToDateDpusThatAreNotReadyYetHoldTheRolloutBack() {
        TestFleet fleet = TestFleet.ofHosts(4).dpuSet(spec(NEW, "2")).allDpusReadyAt(OLD)
                .observedDpu("worker-1", NEW, false).observedDpu("worker-2", NEW, false);

        RunFunctionResponse response = function.run(fleet.request());

        assertThat(bfbs(response)).containsEntry("worker-3", OLD.bfb()).containsEntry("worker-4", OLD.bfb());
        assertThat(new Unstructured(response.getDesired().getComposite().getResource()).number("status", "updated"))
                .contains(2L);
        assertThat(response.getConditionsList()).anySatisfy(condition -> assertThat(condition.getMessage())
                .isEqualTo("2 of 4 DPUs run BFB bf-bundle-2.10.0 with flavor standard; 0 being replaced, 2 waiting "
                        + "(at most 2 unavailable at a time, 2 unavailable now)"));
    }

    @Test
    void newCardsGetTheNewBfbAtOnceWhateverTheBudget() {
        TestFleet fleet = TestFleet.ofHosts(3).dpuSet(spec(NEW, "1")).observedDpu("worker-1", OLD, true)
                .observedDpu("worker-2", OLD, true);

        RunFunctionResponse response = function.run(fleet.request());

        assertThat(bfbs(response)).containsEntry("worker-3", NEW.bfb());
        assertThat(bfbs(response).values()).filteredOn(NEW.bfb()::equals).hasSize(2);
    }

    @Test
    void maxUnavailableIsANumberOrAPercentageRoundedUpAndNeverZero() {
        assertThat(MaxUnavailable.of(null).of(10)).isEqualTo(1);
        assertThat(MaxUnavailable.of(new IntOrString(3)).of(10)).isEqualTo(3);
        assertThat(MaxUnavailable.of(new IntOrString("25%")).of(10)).isEqualTo(3);
        assertThat(MaxUnavailable.of(new IntOrString("10%")).of(7)).isEqualTo(1);
        assertThat(MaxUnavailable.of(new IntOrString("1%")).of(1)).isEqualTo(1);
        assertThat(MaxUnavailable.of(new IntOrString(0)).of(10)).isEqualTo(1);
    }

    private static Map<String, String> bfbs(RunFunctionResponse response) {
        Map<String, String> bfbs = new TreeMap<>();
        response.getDesired().getResourcesMap().values().forEach(resource -> {
            Unstructured dpu = new Unstructured(resource.getResource());
            bfbs.put(dpu.string("spec", "forProvider", "hostNode").orElseThrow(),
                    dpu.string("spec", "forProvider", "bfbRef", "name").orElseThrow());
        });
        return bfbs;
    }
}
