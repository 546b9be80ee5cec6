package io.dpuplane.agent.dpu;

import static io.dpuplane.agent.dpu.SfcTestBed.WAIT;
import static io.dpuplane.agent.dpu.SfcTestBed.si;
import static io.dpuplane.agent.dpu.SfcTestBed.sw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.dpu.ipam.BlockClaims;
import io.dpuplane.apis.sfc.v1alpha1.IPAllocation;
import io.dpuplane.apis.sfc.v1alpha1.IPPool;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node's IP blocks and addresses, held in the real DPU cluster API. */
class DpuAgentIpamTest {

    private SfcTestBed bed;

    @BeforeEach
    void start() {
        bed = new SfcTestBed();
        bed.startAgent();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private Lease lease(String block) {
        return bed.client.resources(Lease.class).inNamespace(bed.namespace).withName(BlockClaims.leaseName(block)).get();
    }

    @Test
    void aNodeTakesTheLowestFreeBlockOnceAndKeepsItAcrossRestarts() {
        bed.pool("pool", "198.18.0.0/16", 24, 1);
        IPPool pool = bed.awaitProgrammed(IPPool.class, "pool");
        assertThat(pool.getStatus().getBlock()).isEqualTo("198.18.0.0/24");
        assertThat(lease("198.18.0.0/24").getSpec().getHolderIdentity()).isEqualTo(bed.node);
        assertThat(lease("198.18.0.0/24").getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(pool.getMetadata().getUid()));

        bed.stopAgent();
        bed.startAgent();
        await("restarted agent passed").atMost(WAIT).until(() -> bed.agent.health().last() != null);
        assertThat(bed.awaitProgrammed(IPPool.class, "pool").getStatus().getBlock()).isEqualTo("198.18.0.0/24");
        assertThat(bed.client.resources(Lease.class).inNamespace(bed.namespace).list().getItems()).hasSize(1);
    }

    @Test
    void twoNodesNeverShareABlock() {
        bed.pool("pool", "198.18.0.0/16", 24, null);
        String otherNode = bed.node + "-b";
        bed.pool("pool-b", otherNode, "198.18.0.0/16", 24, null);
        bed.ovs.addBridge(bed.bridge + "b");
        DpuAgent mine = bed.agent;
        try (DpuAgent other = bed.startAgent(otherNode, bed.bridge + "b")) {
            String a = bed.awaitProgrammed(IPPool.class, "pool").getStatus().getBlock();
            String b = bed.awaitProgrammed(IPPool.class, "pool-b").getStatus().getBlock();
            assertThat(a).isNotEqualTo(b);
            assertThat(java.util.Set.of(a, b)).containsExactlyInAnyOrder("198.18.0.0/24", "198.18.1.0/24");
        } finally {
            bed.agent = mine;
        }
    }

    @Test
    void aPoolWhoseBlocksAreAllHeldSaysByWhom() {
        for (String block : new String[] {"198.18.0.0/24", "198.18.1.0/24"}) {
            bed.client.resource(new LeaseBuilder().withNewMetadata().withName(BlockClaims.leaseName(block))
                    .withNamespace(bed.namespace).withLabels(Map.of(BlockClaims.BLOCK_LABEL, "true"))
                    .withAnnotations(Map.of(BlockClaims.BLOCK_ANNOTATION, block)).endMetadata()
                    .withNewSpec().withHolderIdentity("dpu-elsewhere").endSpec().build()).create();
        }
        bed.pool("small", "198.18.0.0/23", 24, null);
        assertThat(bed.awaitNotProgrammed(IPPool.class, "small")).isEqualTo("no free /24 block left in "
                + "198.18.0.0/23: all 2 are held or excluded (holders: dpu-elsewhere)");
        assertThat(bed.get(IPPool.class, "small").getStatus().getBlock()).isNull();
    }

    @Test
    void addressesGoToTheInterfacesThatAskAndExhaustionIsReportedNotWrappedAround() {
        for (String name : new String[] {"a", "b", "c"}) {
            bed.uplink(bed.portName(name));
            bed.physical(name, bed.portName(name));
        }
        bed.pool("tiny", "198.18.0.0/16", 30, null);
        bed.chain("web", sw(si("a", "tiny"), si("b", "tiny"), si("c", "tiny")));

        String message = bed.awaitNotProgrammed(ServiceChain.class, "web");
        assertThat(message).isEqualTo("switch 1 port 3: IPPool tiny has no free address for " + bed.namespace
                + "/c: block 198.18.0.0/30 is exhausted (2 allocated)");
        assertThat(bed.programmedReason("web")).isEqualTo("AddressesExhausted");
        assertThat(bed.get(ServiceChain.class, "web").getStatus().getFlowsInstalled()).as("flows still installed")
                .isEqualTo(3);
        IPPool pool = bed.awaitProgrammed(IPPool.class, "tiny");
        assertThat(pool.getStatus().getExhausted()).isTrue();
        assertThat(pool.getStatus().getAllocations()).containsExactly(
                new IPAllocation(bed.namespace + "/a", "198.18.0.1"), new IPAllocation(bed.namespace + "/b", "198.18.0.2"));
        assertThat(bed.get(ServiceInterface.class, "a").getStatus().getIpAddress()).isEqualTo("198.18.0.1");
        assertThat(bed.get(ServiceInterface.class, "c").getStatus().getIpAddress()).isNull();

        bed.updateChain("web", sw(si("b", "tiny"), si("c", "tiny")));
        bed.awaitProgrammed(ServiceChain.class, "web");
        await("c gets the address a gave back").atMost(WAIT).untilAsserted(() -> assertThat(
                bed.get(ServiceInterface.class, "c").getStatus().getIpAddress()).isEqualTo("198.18.0.1"));
        assertThat(bed.get(ServiceInterface.class, "b").getStatus().getIpAddress()).as("b keeps its address")
                .isEqualTo("198.18.0.2");
    }

    @Test
    void deletingAPoolFreesItsBlock() {
        bed.pool("pool", "198.18.0.0/16", 24, null);
        bed.awaitProgrammed(IPPool.class, "pool");
        assertThat(lease("198.18.0.0/24")).isNotNull();
        bed.delete(IPPool.class, "pool");
        await("block freed").atMost(WAIT).until(() -> lease("198.18.0.0/24") == null);
    }
}
