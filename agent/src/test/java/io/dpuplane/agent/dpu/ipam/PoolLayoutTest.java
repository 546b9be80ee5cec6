package io.dpuplane.agent.dpu.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dpuplane.apis.sfc.v1alpha1.IPPoolSpec;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolLayoutTest {

    private static PoolLayout layout(String cidr, int block, Integer gateway, String... exclusions) {
        return PoolLayout.of(new IPPoolSpec("n1", cidr, block, gateway, List.of(exclusions)));
    }

    @Test
    void aPoolIsCutIntoNumberedBlocksOfTheBlockSize() {
        PoolLayout pool = layout("198.18.0.0/16", 24, null);
        assertThat(pool.blockCount()).isEqualTo(BigInteger.valueOf(256));
        assertThat(pool.block(BigInteger.ZERO).cidr()).isEqualTo("198.18.0.0/24");
        assertThat(pool.block(BigInteger.valueOf(255)).cidr()).isEqualTo("198.18.255.0/24");
        assertThat(pool.blockOf("198.18.7.0/24")).map(PoolLayout.Block::cidr).contains("198.18.7.0/24");
        assertThat(pool.blockOf("198.18.7.0/25")).isEmpty();
        assertThat(pool.blockOf("198.19.7.0/24")).isEmpty();
    }

    @Test
    void networkBroadcastGatewayAndExclusionsAreNeverHandedOut() {
        PoolLayout pool = layout("198.18.0.0/16", 29, 1, "198.18.0.4/31");
        PoolLayout.Block block = pool.block(BigInteger.ZERO);
        assertThat(pool.gateway(block)).contains("198.18.0.1");
        assertThat(pool.capacity(block)).isEqualTo(BigInteger.valueOf(3));
        assertThat(pool.firstFree(block, Set.of())).map(pool::format).contains("198.18.0.2");
        Set<BigInteger> used = Set.of(pool.parseAddress("198.18.0.2"), pool.parseAddress("198.18.0.3"));
        assertThat(pool.firstFree(block, used)).map(pool::format).contains("198.18.0.6");
    }

    @Test
    void aBlockInsideAnExclusionIsFullyExcluded() {
        PoolLayout pool = layout("198.18.0.0/16", 24, null, "198.18.0.0/23");
        assertThat(pool.fullyExcluded(pool.block(BigInteger.ZERO))).isTrue();
        assertThat(pool.fullyExcluded(pool.block(BigInteger.TWO))).isFalse();
    }

    @Test
    void ipv6PoolsWork() {
        PoolLayout pool = layout("fd00:10::/48", 64, 1);
        PoolLayout.Block block = pool.block(BigInteger.valueOf(3));
        assertThat(block.cidr()).isEqualTo("fd00:10:0:3::/64");
        assertThat(pool.firstFree(block, Set.of())).map(pool::format).contains("fd00:10:0:3::2");
    }

    @Test
    void aBlockLargerThanThePoolIsRefusedSayingSo() {
        assertThatThrownBy(() -> layout("198.18.0.0/24", 16, null))
                .hasMessageContaining("blockSize /16 is not smaller than the pool 198.18.0.0/24");
    }

    @Test
    void badInputIsRefusedSayingWhat() {
        assertThatThrownBy(() -> layout("198.18.0.5/16", 24, null)).hasMessageContaining("not a network");
        assertThatThrownBy(() -> layout("not-a-cidr", 24, null)).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> layout("198.18.0.0/16", 24, 256)).hasMessageContaining("gatewayIndex 256");
        assertThatThrownBy(() -> layout("198.18.0.0/16", 24, null, "10.0.0.1")).hasMessageContaining("outside");
    }
}
