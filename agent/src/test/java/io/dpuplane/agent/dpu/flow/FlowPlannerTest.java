package io.dpuplane.agent.dpu.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.agent.dpu.ovs.InstalledFlow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowPlannerTest {

    private static final ChainFlows WEB = new ChainFlows("ns/web", 0x11L, SwitchFlows.render(0x11L, List.of(1, 2)));
    private static final ChainFlows DB = new ChainFlows("ns/db", 0x22L, SwitchFlows.render(0x22L, List.of(3, 4)));

    /** What OVS prints for installed flows: our flows, lightly reformatted as ovs-ofctl does. */
    private static List<InstalledFlow> dump(ChainFlows... chains) {
        List<InstalledFlow> flows = new ArrayList<>();
        for (ChainFlows chain : chains) {
            for (String f : chain.flows()) {
                flows.add(InstalledFlow.parse(" " + f.replace(",table=0,", ", ").replace(",actions=", " actions="))
                        .orElseThrow());
            }
        }
        return flows;
    }

    private static Map<String, String> stored(List<InstalledFlow> dump, ChainFlows... chains) {
        InstalledFlows installed = new InstalledFlows(dump);
        Map<String, String> ids = new HashMap<>(Map.of("other", "kept"));
        for (ChainFlows chain : chains) {
            ids.put(FlowPlan.fingerprintKey(chain.cookie()), FlowPlan.fingerprintValue(chain, installed));
        }
        return ids;
    }

    @Test
    void chainsWhoseFingerprintsMatchTheBridgeNeedNothing() {
        List<InstalledFlow> dump = dump(WEB, DB);
        FlowPlan plan = FlowPlanner.plan(List.of(WEB, DB), new InstalledFlows(dump),
                FlowPlan.stored(stored(dump, WEB, DB)));
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void learnedFlowsDoNotMakeAChainLookChanged() {
        List<InstalledFlow> dump = new ArrayList<>(dump(WEB));
        Map<String, String> ids = stored(dump, WEB);
        dump.add(InstalledFlow.parse(" cookie=0x11, idle_timeout=10, priority=30,in_port=2,dl_dst=aa:bb:cc:dd:ee:ff"
                + " actions=output:1").orElseThrow());
        assertThat(FlowPlanner.plan(List.of(WEB), new InstalledFlows(dump), FlowPlan.stored(ids)).isEmpty()).isTrue();
    }

    @Test
    void aChangedChainIsReplacedByDeletingItsCookieAndAddingItsFlowsInOneList() {
        List<InstalledFlow> dump = dump(WEB);
        Map<String, String> ids = stored(dump, WEB);
        ChainFlows moved = new ChainFlows("ns/web", 0x11L, SwitchFlows.render(0x11L, List.of(1, 5)));
        FlowPlan plan = FlowPlanner.plan(List.of(moved), new InstalledFlows(dump), FlowPlan.stored(ids));
        assertThat(plan.replaced()).containsExactly(moved);
        assertThat(plan.mods()).first().isEqualTo("delete cookie=0x0000000000000011/-1");
        assertThat(plan.mods()).hasSize(3).allMatch(m -> m.startsWith("delete ") || m.startsWith("add cookie=0x"));
    }

    @Test
    void aFlowDeletedByHandIsPutBack() {
        List<InstalledFlow> dump = dump(WEB);
        Map<String, String> ids = stored(dump, WEB);
        FlowPlan plan = FlowPlanner.plan(List.of(WEB), new InstalledFlows(dump.subList(0, 1)), FlowPlan.stored(ids));
        assertThat(plan.replaced()).containsExactly(WEB);
    }

    @Test
    void flowsOfNoChainAreRemovedWithTheirFingerprints() {
        List<InstalledFlow> dump = new ArrayList<>(dump(WEB, DB));
        dump.add(InstalledFlow.parse(" priority=0 actions=NORMAL").orElseThrow());
        Map<String, String> ids = stored(dump, WEB, DB);
        FlowPlan plan = FlowPlanner.plan(List.of(WEB), new InstalledFlows(dump), FlowPlan.stored(ids));
        assertThat(plan.replaced()).isEmpty();
        assertThat(plan.removed()).containsExactlyInAnyOrder(0x22L, 0L);
        assertThat(plan.staleFingerprints()).containsExactly(FlowPlan.fingerprintKey(0x22L));
        assertThat(plan.mods()).containsExactly("delete cookie=0x0000000000000000/-1",
                "delete cookie=0x0000000000000022/-1");
    }

    @Test
    void aChainLeftWithoutFlowsLosesTheOnesItHad() {
        List<InstalledFlow> dump = dump(WEB);
        ChainFlows empty = new ChainFlows("ns/web", 0x11L, List.of());
        FlowPlan plan = FlowPlanner.plan(List.of(empty), new InstalledFlows(dump), FlowPlan.stored(stored(dump, WEB)));
        assertThat(plan.removed()).containsExactly(0x11L);
        assertThat(plan.staleFingerprints()).containsExactly(FlowPlan.fingerprintKey(0x11L));
    }
}
