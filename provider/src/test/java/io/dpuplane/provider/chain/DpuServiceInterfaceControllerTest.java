package io.dpuplane.provider.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static io.dpuplane.provider.chain.DpuClusterBed.WAIT;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.provisioning.v1alpha1.DPUCluster;
import io.dpuplane.apis.sfc.v1alpha1.InterfaceType;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterfaceStatus;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceInterface;
import io.dpuplane.apis.svc.v1alpha1.NodeFailure;
import io.dpuplane.provider.RealApiServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DPUServiceInterface: one ServiceInterface per selected DPU node of the target clusters, rolled up. */
@QuarkusTest
@QuarkusTestResource(RealApiServerResource.class)
class DpuServiceInterfaceControllerTest {

    private DpuClusterBed bed;

    @BeforeEach
    void dpuClusterWithTwoNodes() {
        bed = new DpuClusterBed();
    }

    @Test
    void anInterfaceIsMirroredToEverySelectedNodeAndTheirProgrammingIsRolledUp() {
        bed.create(DPUServiceInterface.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceInterface
                metadata: {name: host-vf3, namespace: %s}
                spec:
                  forProvider: {interfaceType: vf, vf: {pfID: 0, vfID: 3}, %s}
                """.formatted(bed.ns, bed.targets()));
        await("one ServiceInterface per node").atMost(WAIT).until(() -> bed.mirrored(ServiceInterface.class, "host-vf3")
                .size() == 2);
        ServiceInterface onA = bed.onNode(ServiceInterface.class, "host-vf3", "a");
        assertThat(onA.getSpec().getNode()).isEqualTo(bed.nodeName("a"));
        assertThat(onA.getSpec().getInterfaceType()).isEqualTo(InterfaceType.VF);
        assertThat(onA.getSpec().getVf().vfID()).isEqualTo(3);
        assertThat(onA.getMetadata().getLabels()).containsEntry(Sfc.NODE_LABEL, bed.nodeName("a"))
                .containsEntry(Sfc.OWNER_KIND_LABEL, "DPUServiceInterface")
                .containsEntry(Sfc.OWNER_NAMESPACE_LABEL, bed.ns);
        bed.awaitNotReadyWith(DPUServiceInterface.class, "host-vf3", "0 of 2 DPU nodes have the interface programmed");

        bed.agentReports(ServiceInterface.class, "host-vf3-" + bed.nodeName("a"), new ServiceInterfaceStatus(), null);
        bed.agentReports(ServiceInterface.class, "host-vf3-" + bed.nodeName("b"), new ServiceInterfaceStatus(),
                "could not open network device pf0vf3 (No such device)");
        String message = bed.awaitNotReadyWith(DPUServiceInterface.class, "host-vf3", "1 of 2");
        assertThat(message).isEqualTo("1 of 2 DPU nodes have the interface programmed; " + bed.nodeName("b") + " ("
                + bed.cluster + "): could not open network device pf0vf3 (No such device)");
        var at = bed.get(DPUServiceInterface.class, "host-vf3").getStatus().getAtProvider();
        assertThat(at.getNodes()).isEqualTo(2);
        assertThat(at.getNodesProgrammed()).isEqualTo(1);
        assertThat(at.getNodesFailed()).containsExactly(new NodeFailure(bed.cluster, bed.nodeName("b"),
                "could not open network device pf0vf3 (No such device)"));

        bed.agentReports(ServiceInterface.class, "host-vf3-" + bed.nodeName("b"), new ServiceInterfaceStatus(), null);
        bed.awaitReady(DPUServiceInterface.class, "host-vf3");
    }

    @Test
    void nodesJoiningAndLeavingTheSelectionGetAndLoseTheirObject() {
        bed.create(DPUServiceInterface.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceInterface
                metadata: {name: uplink, namespace: %s}
                spec:
                  forProvider: {interfaceType: physical, physical: {interfaceName: p0}, %s}
                """.formatted(bed.ns, bed.targets()));
        await("two nodes").atMost(WAIT).until(() -> bed.mirrored(ServiceInterface.class, "uplink").size() == 2);
        String c = bed.node("c");
        bed.dpu.nodes().withName(bed.nodeName("a")).edit(n -> {
            n.getMetadata().getLabels().remove("test-run");
            return n;
        });
        await("node c in, node a out").atMost(WAIT).untilAsserted(() -> assertThat(bed.mirrored(ServiceInterface.class,
                "uplink")).extracting(si -> si.getSpec().getNode()).containsExactlyInAnyOrder(bed.nodeName("b"), c));
    }

    @Test
    void aMissingDpuClusterIsNamed() {
        bed.create(DPUServiceInterface.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceInterface
                metadata: {name: lost, namespace: %s}
                spec:
                  forProvider: {interfaceType: pf, pf: {pfID: 0}, clusters: {names: [nowhere]}}
                """.formatted(bed.ns));
        bed.awaitNotReadyWith(DPUServiceInterface.class, "lost", "DPUCluster " + bed.ns + "/nowhere does not exist");
    }

    @Test
    void deletingAResourceRemovesItsObjectsFromEveryNode() {
        bed.create(DPUServiceInterface.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceInterface
                metadata: {name: doomed, namespace: %s}
                spec:
                  forProvider: {interfaceType: pf, pf: {pfID: 1}, %s}
                """.formatted(bed.ns, bed.targets()));
        await("mirrored").atMost(WAIT).until(() -> bed.mirrored(ServiceInterface.class, "doomed").size() == 2);
        bed.host.resources(DPUServiceInterface.class).inNamespace(bed.ns).withName("doomed").delete();
        await("objects and resource gone").atMost(WAIT)
                .until(() -> bed.mirrored(ServiceInterface.class, "doomed").isEmpty()
                        && bed.get(DPUServiceInterface.class, "doomed") == null);
    }
}
