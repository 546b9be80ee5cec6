package io.dpuplane.agent.dpu.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SwitchFlowsTest {

    @Test
    void everyPortFloodsToEveryOtherPortAndTeachesTheWayBack() {
        List<String> flows = SwitchFlows.render(0xabL, List.of(3, 7, 9));
        assertThat(flows).hasSize(3);
        assertThat(flows.get(0)).isEqualTo("cookie=0x00000000000000ab,table=0,priority=20,in_port=3,actions="
                + "learn(cookie=0x00000000000000ab,table=0,idle_timeout=10,priority=30,in_port=7,dl_dst=dl_src,"
                + "output:NXM_OF_IN_PORT[]),"
                + "learn(cookie=0x00000000000000ab,table=0,idle_timeout=10,priority=30,in_port=9,dl_dst=dl_src,"
                + "output:NXM_OF_IN_PORT[]),output:7,output:9");
        assertThat(flows.get(1)).contains("in_port=7,").endsWith("output:3,output:9");
        assertThat(flows.get(2)).contains("in_port=9,").endsWith("output:3,output:7");
    }

    @Test
    void renderingIsDeterministic() {
        assertThat(SwitchFlows.render(1, List.of(1, 2))).isEqualTo(SwitchFlows.render(1, List.of(1, 2)));
    }
}
