package io.dpuplane.agent.dpu.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.sfc.v1alpha1.IPAllocation;
import io.dpuplane.apis.sfc.v1alpha1.IPPoolSpec;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationTest {

    private final PoolLayout pool = PoolLayout.of(new IPPoolSpec("n1", "198.18.0.0/16", 30, null, null));
    private final PoolLayout.Block block = pool.block(BigInteger.ZERO);

    @Test
    void ownersGetTheLowestFreeAddressesInOwnerOrder() {
        Allocation a = Allocation.of(pool, block, List.of(), List.of("ns/b", "ns/a"));
        assertThat(a.allocations()).containsExactly(new IPAllocation("ns/a", "198.18.0.1"),
                new IPAllocation("ns/b", "198.18.0.2"));
        assertThat(a.exhausted()).isTrue();
        assertThat(a.refused()).isEmpty();
    }

    @Test
    void anOwnerKeepsItsAddressWhileItAsks() {
        List<IPAllocation> existing = List.of(new IPAllocation("ns/b", "198.18.0.1"));
        Allocation a = Allocation.of(pool, block, existing, List.of("ns/a", "ns/b"));
        assertThat(a.addressOf("ns/b")).contains("198.18.0.1");
        assertThat(a.addressOf("ns/a")).contains("198.18.0.2");
    }

    @Test
    void exhaustionRefusesNewOwnersInsteadOfWrappingAround() {
        List<IPAllocation> existing = List.of(new IPAllocation("ns/a", "198.18.0.1"), new IPAllocation("ns/b",
                "198.18.0.2"));
        Allocation a = Allocation.of(pool, block, existing, List.of("ns/a", "ns/b", "ns/c"));
        assertThat(a.refused()).containsExactly("ns/c");
        assertThat(a.exhausted()).isTrue();
        assertThat(a.allocations()).extracting(IPAllocation::owner).containsExactly("ns/a", "ns/b");
    }

    @Test
    void anOwnerThatStopsAskingGivesItsAddressBack() {
        List<IPAllocation> existing = List.of(new IPAllocation("ns/a", "198.18.0.1"), new IPAllocation("ns/b",
                "198.18.0.2"));
        Allocation a = Allocation.of(pool, block, existing, List.of("ns/b", "ns/c"));
        assertThat(a.addressOf("ns/c")).contains("198.18.0.1");
        assertThat(a.addressOf("ns/b")).contains("198.18.0.2");
    }

    @Test
    void anAddressOutsideTheBlockIsReplaced() {
        List<IPAllocation> existing = List.of(new IPAllocation("ns/a", "198.18.9.9"));
        assertThat(Allocation.of(pool, block, existing, List.of("ns/a")).addressOf("ns/a")).contains("198.18.0.1");
    }
}
