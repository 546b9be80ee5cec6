package io.dpuplane.agent.dpu.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenFlow flows of one chain switch on br-sfc, DPF's MAC-learning full mesh in table 0: a frame from a
 * port goes to every other port of the switch, and teaches the switch (a learned flow, same cookie, idle
 * timeout 10 s, higher priority) to send frames for its source MAC back to that port only.
 */
public final class SwitchFlows {

    /** Priority of a switch's flooding flows. */
    public static final int SWITCH_PRIORITY = 20;
    /** Priority of the unicast flows the switch learns. */
    public static final int LEARNED_PRIORITY = 30;
    private static final int LEARNED_IDLE_SECONDS = 10;

    private SwitchFlows() {
    }

    /** The flows (ovs-ofctl syntax, without the add keyword) of a switch joining these OpenFlow ports. */
    public static List<String> render(long cookie, List<Integer> ofports) {
        String c = ChainCookie.hex(cookie);
        List<String> flows = new ArrayList<>();
        for (int in : ofports) {
            StringBuilder learn = new StringBuilder();
            StringBuilder output = new StringBuilder();
            for (int peer : ofports) {
                if (peer == in) {
                    continue;
                }
                learn.append("learn(cookie=").append(c).append(",table=0,idle_timeout=").append(LEARNED_IDLE_SECONDS)
                        .append(",priority=").append(LEARNED_PRIORITY).append(",in_port=").append(peer)
                        .append(",dl_dst=dl_src,output:NXM_OF_IN_PORT[]),");
                output.append(output.length() == 0 ? "" : ",").append("output:").append(peer);
            }
            flows.add("cookie=" + c + ",table=0,priority=" + SWITCH_PRIORITY + ",in_port=" + in + ",actions=" + learn
                    + output);
        }
        return flows;
    }
}
