package io.dpuplane.agent.dpu.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.agent.dpu.ovs.OvsChange;
import io.dpuplane.agent.dpu.ovs.OvsSnapshot;
import io.dpuplane.apis.sfc.v1alpha1.InterfaceType;
import io.dpuplane.apis.sfc.v1alpha1.PhysicalInterface;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterfaceSpec;
import io.dpuplane.apis.sfc.v1alpha1.VfInterface;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortPlannerTest {

    private final PortPlanner planner = new PortPlanner(new PortLayout("br-sfc", "br-ovn", ""));
    private final Map<String, OvsSnapshot.Port> ports = new HashMap<>();
    private final Map<String, List<String>> onBridge = new HashMap<>(Map.of("br-sfc", List.of()));

    private static ServiceInterface si(String name, String uid, String created, InterfaceType type) {
        ServiceInterface si = new ServiceInterface();
        si.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).withUid(uid)
                .withCreationTimestamp(created).build());
        ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
        spec.setNode("n1");
        spec.setInterfaceType(type);
        if (type == InterfaceType.VF) {
            spec.setVf(new VfInterface(0, 3, null));
        } else if (type == InterfaceType.PHYSICAL) {
            spec.setPhysical(new PhysicalInterface("p0"));
        }
        si.setSpec(spec);
        return si;
    }

    private void port(String bridge, String name, Map<String, String> ids) {
        ports.put(name, new OvsSnapshot.Port(name, bridge, ids, List.of(name)));
        onBridge.merge(bridge, List.of(name), (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
    }

    private OvsSnapshot snapshot() {
        Map<String, OvsSnapshot.Bridge> bridges = new HashMap<>();
        onBridge.forEach((b, p) -> bridges.put(b, new OvsSnapshot.Bridge(b, "netdev", "secure", Map.of(), p)));
        return new OvsSnapshot(bridges, ports, Map.of());
    }

    @Test
    void aMissingPortIsAddedMarkedAsTheInterfaces() {
        PortPlan plan = planner.plan(List.of(si("vf3", "u1", "2026-01-01T00:00:00Z", InterfaceType.VF)), snapshot());
        assertThat(plan.changes()).containsExactly(new OvsChange.AddPort("br-sfc", "pf0vf3", "", Map.of(),
                Map.of("dpuplane-owner", "u1", "dpuplane-kind", "ServiceInterface", "dpuplane-name", "ns/vf3")));
        assertThat(plan.claims()).containsEntry("ns/vf3", "pf0vf3");
    }

    @Test
    void anUnmarkedPortIsAdoptedAndOnlyUnmarkedWhenReleased() {
        port("br-sfc", "p0", Map.of());
        PortPlan plan = planner.plan(List.of(si("up", "u1", "2026-01-01T00:00:00Z", InterfaceType.PHYSICAL)),
                snapshot());
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(OvsChange.MarkPort.class,
                m -> assertThat(m.set()).containsEntry("dpuplane-adopted", "true").containsEntry("dpuplane-owner", "u1"));

        ports.clear();
        onBridge.put("br-sfc", List.of());
        port("br-sfc", "p0", Map.of("dpuplane-owner", "u1", "dpuplane-adopted", "true"));
        assertThat(planner.plan(List.of(), snapshot()).changes()).singleElement()
                .isInstanceOfSatisfying(OvsChange.MarkPort.class, m -> assertThat(m.remove())
                        .contains("dpuplane-owner", "dpuplane-adopted"));
    }

    @Test
    void aMarkedPortNoInterfaceWantsIsRemovedButUnmarkedPortsAreNeverTouched() {
        port("br-sfc", "stale", Map.of("dpuplane-owner", "gone"));
        port("br-sfc", "cni-port", Map.of("owner", "ovs-cni.network.kubevirt.io"));
        assertThat(planner.plan(List.of(), snapshot()).changes())
                .containsExactly(new OvsChange.DeletePort("br-sfc", "stale"));
    }

    @Test
    void aRecreatedInterfaceTakesItsPortOverWithoutReaddingIt() {
        port("br-sfc", "pf0vf3", Map.of("dpuplane-owner", "old-uid", "dpuplane-kind", "ServiceInterface",
                "dpuplane-name", "ns/vf3"));
        PortPlan plan = planner.plan(List.of(si("vf3", "new-uid", "2026-01-02T00:00:00Z", InterfaceType.VF)), snapshot());
        assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(OvsChange.MarkPort.class,
                m -> assertThat(m.set()).containsEntry("dpuplane-owner", "new-uid"));
    }

    @Test
    void whenTwoInterfacesWantOnePortTheOlderGetsItAndTheOtherSaysWhose() {
        PortPlan plan = planner.plan(List.of(si("young", "u2", "2026-01-02T00:00:00Z", InterfaceType.VF),
                si("old", "u1", "2026-01-01T00:00:00Z", InterfaceType.VF)), snapshot());
        assertThat(plan.claims()).containsOnlyKeys("ns/old");
        assertThat(plan.problems().get("ns/young")).isEqualTo("port pf0vf3 is already ServiceInterface ns/old's");
    }

    @Test
    void anOvnInterfaceNeedsBrOvn() {
        PortPlan plan = planner.plan(List.of(si("ovn", "u1", "2026-01-01T00:00:00Z", InterfaceType.OVN)), snapshot());
        assertThat(plan.problems().get("ns/ovn")).isEqualTo("bridge br-ovn does not exist on this DPU");

        onBridge.put("br-ovn", List.of());
        PortPlan withBridge = planner.plan(List.of(si("ovn", "u1", "2026-01-01T00:00:00Z", InterfaceType.OVN)),
                snapshot());
        assertThat(withBridge.changes()).extracting(c -> ((OvsChange.AddPort) c).port())
                .containsExactly("puplinkbrsfc", "puplinkbrovn");
        assertThat(((OvsChange.AddPort) withBridge.changes().get(0)).options()).isEqualTo(Map.of("peer", "puplinkbrovn"));
        assertThat(Set.copyOf(withBridge.claims().values())).containsExactly("puplinkbrsfc");
    }
}
