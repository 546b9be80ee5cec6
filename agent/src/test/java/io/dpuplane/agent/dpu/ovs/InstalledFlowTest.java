package io.dpuplane.agent.dpu.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstalledFlowTest {

    @Test
    void readsCookieTableAndPriorityAsOvsOfctlPrintsThem() {
        InstalledFlow flow = InstalledFlow.parse(" cookie=0x571d17d6ef2def0d, table=3, priority=20,in_port=1 "
                + "actions=output:2").orElseThrow();
        assertThat(flow.cookie()).isEqualTo(0x571d17d6ef2def0dL);
        assertThat(flow.table()).isEqualTo(3);
        assertThat(flow.priority()).isEqualTo(20);
        assertThat(flow.text()).startsWith("cookie=0x571d").endsWith("actions=output:2");
    }

    @Test
    void omittedFieldsTakeOpenFlowDefaults() {
        InstalledFlow flow = InstalledFlow.parse(" actions=drop").orElseThrow();
        assertThat(flow.cookie()).isZero();
        assertThat(flow.table()).isZero();
        assertThat(flow.priority()).isEqualTo(32768);
    }

    @Test
    void aCookieWithTheTopBitSetIsReadUnsigned() {
        assertThat(InstalledFlow.parse(" cookie=0xfedcba9876543210, priority=30,in_port=2 actions=output:1")
                .orElseThrow().cookie()).isEqualTo(0xfedcba9876543210L);
    }

    @Test
    void headersAreNotFlows() {
        assertThat(InstalledFlow.parse("NXST_FLOW reply (xid=0x4):")).isEmpty();
        assertThat(InstalledFlow.parse("")).isEmpty();
    }
}
