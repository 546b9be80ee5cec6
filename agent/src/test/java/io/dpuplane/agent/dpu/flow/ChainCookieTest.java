package io.dpuplane.agent.dpu.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChainCookieTest {

    @Test
    void theCookieIsFnv1a64OfNamespaceSlashNameAsDpfComputesIt() {
        assertThat(ChainCookie.of("foo", "bar")).isEqualTo(0x571d17d6ef2def0dL);
        assertThat(ChainCookie.hex(ChainCookie.of("foo", "bar"))).isEqualTo("0x571d17d6ef2def0d");
    }

    @Test
    void theCookieDependsOnNamespaceAndNameOnly() {
        assertThat(ChainCookie.of("tenant-a", "web")).isEqualTo(ChainCookie.of("tenant-a", "web"))
                .isNotEqualTo(ChainCookie.of("tenant-b", "web"));
    }

    @Test
    void hexAlwaysPrintsSixteenDigits() {
        assertThat(ChainCookie.hex(0x1L)).isEqualTo("0x0000000000000001");
        assertThat(ChainCookie.hex(-2L)).isEqualTo("0xfffffffffffffffe");
    }
}
