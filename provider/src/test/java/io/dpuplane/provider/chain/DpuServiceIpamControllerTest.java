package io.dpuplane.provider.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.dpuplane.provider.chain.DpuClusterBed.WAIT;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.sfc.v1alpha1.IPPool;
import io.dpuplane.apis.sfc.v1alpha1.IPPoolStatus;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceIPAM;
import io.dpuplane.provider.RealApiServerResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DPUServiceIPAM: one IPPool per node, the blocks taken counted; overlapping and impossible pools refused. */
@QuarkusTest
@QuarkusTestResource(RealApiServerResource.class)
class DpuServiceIpamControllerTest {

    private DpuClusterBed bed;

    @BeforeEach
    void dpuClusterWithTwoNodes() {
        bed = new DpuClusterBed();
    }

    @Test
    void aPoolIsMirroredAndTheBlocksTheNodesTookAreCounted() {
        bed.create(DPUServiceIPAM.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceIPAM
                metadata: {name: pool, namespace: %s}
                spec:
                  forProvider: {cidr: 198.18.0.0/22, perNodeBlockSize: 24, exclusions: [198.18.0.7], %s}
                """.formatted(bed.ns, bed.targets()));
        await("one IPPool per node").atMost(WAIT).until(() -> bed.mirrored(IPPool.class, "pool").size() == 2);
        IPPool onA = bed.onNode(IPPool.class, "pool", "a");
        assertThat(onA.getSpec().cidr()).isEqualTo("198.18.0.0/22");
        assertThat(onA.getSpec().exclusions()).containsExactly("198.18.0.7");
        int i = 0;
        for (String n : List.of("a", "b")) {
            IPPoolStatus status = new IPPoolStatus();
            status.setBlock("198.18." + i++ + ".0/24");
            bed.agentReports(IPPool.class, "pool-" + bed.nodeName(n), status, null);
        }
        bed.awaitReady(DPUServiceIPAM.class, "pool");
        var at = bed.get(DPUServiceIPAM.class, "pool").getStatus().getAtProvider();
        assertThat(at.nodesAllocated()).isEqualTo(2);
        assertThat(at.blocksInUse()).isEqualTo(2);
        assertThat(at.blocksFree()).isEqualTo(2);
    }

    @Test
    void overlappingPoolsAreRefusedOnTheYoungerOne() {
        bed.create(DPUServiceIPAM.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceIPAM
                metadata: {name: first, namespace: %s}
                spec:
                  forProvider: {cidr: 198.18.0.0/16, perNodeBlockSize: 24, %s}
                """.formatted(bed.ns, bed.targets()));
        await("first mirrored").atMost(WAIT).until(() -> bed.mirrored(IPPool.class, "first").size() == 2);
        bed.create(DPUServiceIPAM.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceIPAM
                metadata: {name: second, namespace: %s}
                spec:
                  forProvider: {cidr: 198.18.4.0/22, perNodeBlockSize: 26, %s}
                """.formatted(bed.ns, bed.targets()));
        assertThat(bed.awaitSyncError(DPUServiceIPAM.class, "second")).endsWith("cidr 198.18.4.0/22 overlaps "
                + "DPUServiceIPAM first (198.18.0.0/16) in DPU cluster " + bed.cluster
                + ": two pools would hand out the same addresses");
        assertThat(bed.mirrored(IPPool.class, "second")).isEmpty();
    }

    @Test
    void aBlockLargerThanThePoolIsRefusedByTheApiServerSayingWhy() {
        assertThatThrownBy(() -> bed.create(DPUServiceIPAM.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceIPAM
                metadata: {name: inverted, namespace: %s}
                spec:
                  forProvider: {cidr: 198.18.0.0/24, perNodeBlockSize: 16, %s}
                """.formatted(bed.ns, bed.targets()))).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("perNodeBlockSize must be a longer prefix than cidr's (a smaller block)");
    }

    @Test
    void morePoolNodesThanBlocksIsReported() {
        bed.node("c");
        bed.create(DPUServiceIPAM.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceIPAM
                metadata: {name: small, namespace: %s}
                spec:
                  forProvider: {cidr: 198.18.0.0/23, perNodeBlockSize: 24, %s}
                """.formatted(bed.ns, bed.targets()));
        bed.awaitNotReadyWith(DPUServiceIPAM.class, "small",
                "the pool 198.18.0.0/23 has 2 /24 blocks for 3 selected DPU nodes: 1 get none");
    }

}
