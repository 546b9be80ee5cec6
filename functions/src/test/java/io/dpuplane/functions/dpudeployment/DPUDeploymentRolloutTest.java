package io.dpuplane.functions.dpudeployment;

import static io.dpuplane.functions.dpudeployment.DeploymentFixture.VERSION_LABEL;
import static io.dpuplane.functions.dpudeployment.DeploymentFixture.ready;
import static io.dpuplane.functions.dpudeployment.DeploymentFixture.revision;
import static io.dpuplane.functions.dpudeployment.DeploymentFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import io.dpuplane.functions.FunctionDispatcher;
import io.dpuplane.functions.dpuset.Revision;
import io.dpuplane.functions.dpuset.TestFleet;
import io.dpuplane.functions.proto.v1.Ready;
import io.dpuplane.functions.proto.v1.Resource;
import io.dpuplane.functions.proto.v1.Result;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service change rolled out over reconcile rounds: the function's desired state goes to a simulated
 * provider (a DPU whose Node labels change is unavailable for one round, as it is relabelled; every other
 * object becomes Ready as soon as it is desired) and comes back as observed state, as Crossplane would.
 */
class DPUDeploymentRolloutTest {

    private static final int HOSTS = 6;
    private static final int MAX_UNAVAILABLE = 2;

    private final FunctionDispatcher function = new FunctionDispatcher(List.of(new DPUDeploymentFunction()));

    /** The deployment settled on firewall 1.0.0: every object exists and is Ready. Returns that revision. */
    private String settle(TestFleet fleet) {
        RunFunctionResponse first = function.run(fleet.request());
        String revision = DeploymentFixture.targetRevision(first);
        fleet.allDpusReadyAt(revision(revision));
        first.getDesired().getResourcesMap().forEach((key, part) -> {
            if (!key.startsWith("dpu-")) {
                fleet.observed(key, ready(part.getResource()));
            }
        });
        RunFunctionResponse settled = function.run(fleet.request());
        assertThat(settled.getDesired().getComposite().getReady()).isEqualTo(Ready.READY_TRUE);
        fleet.dpuSetStatus(status(settled));
        return revision;
    }

    private static Struct status(RunFunctionResponse response) {
        return response.getDesired().getComposite().getResource().getFieldsOrThrow("status").getStructValue();
    }

    @Test
    void aNewFirewallVersionReachesTheDpusAtMostTwoAtATimeAndTheOldReleaseGoesWithTheLastOne() {
        TestFleet fleet = TestFleet.ofHosts(HOSTS).dpuDeployment(spec("1.0.0"));
        String old = settle(fleet);
        Struct settledStatus = status(function.run(fleet.request()));
        fleet.dpuDeployment(spec("1.1.0")).dpuSetStatus(settledStatus);
        Map<String, Struct> observed = new LinkedHashMap<>(fleet.observed());
        Map<String, Integer> relabelling = new LinkedHashMap<>();
        List<Result> results = new ArrayList<>();
        List<Integer> onNewPerRound = new ArrayList<>();
        String target = null;
        RunFunctionResponse response = null;

        for (int round = 1; round <= 20; round++) {
            response = function.run(fleet.observedExactly(observed).request());
            results.addAll(response.getResultsList());
            fleet.dpuSetStatus(status(response));
            target = DeploymentFixture.targetRevision(response);
            if (response.getDesired().getComposite().getReady() == Ready.READY_TRUE) {
                break;
            }
            Map<String, Resource> desired = response.getDesired().getResourcesMap();
            // The old release is desired exactly while some DPU is still desired on the old revision.
            long onOld = dpuRevisions(desired).values().stream().filter(old::equals).count();
            assertThat(desired.containsKey(ServiceReleases.key("firewall", old))).as("round %d", round)
                    .isEqualTo(onOld > 0);
            assertThat(desired).containsKey(ServiceReleases.key("firewall", target));
            onNewPerRound.add((int) dpuRevisions(desired).values().stream().filter(target::equals).count());
            observed = provider(observed, desired, relabelling);
            assertThat(relabelling.values().stream().filter(r -> r > 0).count()).as("DPUs being relabelled after "
                    + "round %d", round).isLessThanOrEqualTo(MAX_UNAVAILABLE);
        }

        assertThat(response.getDesired().getComposite().getReady()).as("the deployment settles").isEqualTo(
                Ready.READY_TRUE);
        assertThat(onNewPerRound).isSorted().contains(2, 4, HOSTS);
        assertThat(response.getDesired().getResourcesMap()).doesNotContainKey(ServiceReleases.key("firewall", old));
        assertThat(new Unstructured(status(response)).list("services").get(0).getStructValue()
                .getFieldsOrThrow("revisions").getListValue().getValuesCount()).isEqualTo(1);
        assertThat(results).extracting(Result::getReason).containsSubsequence("ServiceRollout",
                "ServiceRolloutComplete");
        String complete = "firewall runs revision " + target + " (1.1.0) on 6 DPUs";
        assertThat(results).filteredOn(r -> r.getReason().equals("ServiceRolloutComplete"))
                .extracting(Result::getMessage).containsExactly(complete);
    }

    private static Map<String, String> dpuRevisions(Map<String, Resource> desired) {
        Map<String, String> revisions = new LinkedHashMap<>();
        desired.forEach((key, part) -> {
            if (key.startsWith("dpu-")) {
                revisions.put(key, new Unstructured(part.getResource())
                        .stringMap("spec", "forProvider", "clusterNodeLabels").get(VERSION_LABEL));
            }
        });
        return revisions;
    }

    /**
     * The provider: a DPU whose version label changed is relabelled over one round (not Ready meanwhile); the
     * other objects are Ready once desired; objects no longer desired are deleted.
     */
    private static Map<String, Struct> provider(Map<String, Struct> observed, Map<String, Resource> desired,
            Map<String, Integer> relabelling) {
        relabelling.replaceAll((key, rounds) -> Math.max(0, rounds - 1));
        Map<String, Struct> next = new LinkedHashMap<>();
        dpuRevisions(desired).forEach((key, revision) -> {
            String host = key.substring("dpu-".length(), key.length() - "-03-00-0".length());
            String was = new Unstructured(observed.get(key)).stringMap("spec", "forProvider", "clusterNodeLabels")
                    .get(VERSION_LABEL);
            long generation = new Unstructured(observed.get(key)).generation();
            if (!revision.equals(was)) {
                relabelling.put(key, 1);
                generation++;
            }
            Revision at = revision(revision);
            next.put(key, TestFleet.dpu(host, at, relabelling.getOrDefault(key, 0) > 0
                    ? TestFleet.Readiness.PROVISIONING : TestFleet.Readiness.READY, generation));
        });
        desired.forEach((key, part) -> {
            if (!key.startsWith("dpu-")) {
                next.put(key, ready(part.getResource()));
            }
        });
        return next;
    }
}
