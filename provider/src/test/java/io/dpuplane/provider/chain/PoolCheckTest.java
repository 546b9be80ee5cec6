package io.dpuplane.provider.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dpuplane.apis.svc.v1alpha1.ClusterTargets;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceIPAMParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provider's own check of a pool, behind the CRD's CEL rules (which a client may not have run). */
class PoolCheckTest {

    private static DPUServiceIPAMParameters pool(String cidr, int block, Integer gateway, String... exclusions) {
        return new DPUServiceIPAMParameters(cidr, block, gateway, List.of(exclusions), new ClusterTargets(List.of("c"),
                null), null);
    }

    @Test
    void aBlockLargerThanThePoolIsBadInput() {
        assertThatThrownBy(() -> PoolMirror.check(pool("198.18.0.0/24", 16, null))).isInstanceOf(BadInput.class)
                .hasMessage("perNodeBlockSize /16 is not a block of the pool 198.18.0.0/24: a block must be smaller "
                        + "than the pool (a longer prefix than /24, at most /32)");
    }

    @Test
    void anAddressIsNotAPool() {
        assertThatThrownBy(() -> PoolMirror.check(pool("198.18.0.5/16", 24, null)))
                .hasMessage("cidr 198.18.0.5/16 names an address, not a network");
    }

    @Test
    void gatewayAndExclusionsMustFit() {
        assertThatThrownBy(() -> PoolMirror.check(pool("198.18.0.0/16", 30, 4)))
                .hasMessage("gatewayIndex 4 is outside a /30 block (4 addresses)");
        assertThatThrownBy(() -> PoolMirror.check(pool("198.18.0.0/16", 24, null, "198.20.0.1")))
                .hasMessage("exclusion 198.20.0.1 is outside 198.18.0.0/16");
    }

    @Test
    void overlapIsAboutAddressesNotText() {
        Cidr wide = Cidr.parse("198.18.0.0/16", "cidr");
        assertThat(wide.overlaps(Cidr.parse("198.18.4.0/22", "cidr"))).isTrue();
        assertThat(wide.overlaps(Cidr.parse("198.19.0.0/16", "cidr"))).isFalse();
        assertThat(Cidr.parse("fd00:10::/48", "cidr").overlaps(Cidr.parse("fd00:10:0:5::/64", "cidr"))).isTrue();
        assertThat(wide.blocks(24)).isEqualTo(java.math.BigInteger.valueOf(256));
    }

    @Test
    void aNameIsNeverTakenForAnAddress() {
        assertThatThrownBy(() -> Cidr.parse("example.com/24", "cidr")).hasMessage("cidr example.com/24 is not an IP "
                + "address or CIDR");
    }
}
