package io.dpuplane.agent.dpu;

import io.dpuplane.agent.dpu.port.PortLayout;
import java.time.Duration;

/**
 * What the DPU-mode agent needs to know.
 *
 * @param node this DPU's Node name in the DPU cluster: the agent programs the sfc objects of this node only
 * @param ports the bridges and the type of representor ports
 * @param datapathType datapath of br-sfc when the agent has to create it ({@code netdev} on a BlueField)
 * @param resync how often a full pass runs regardless of events, to repair what changed behind the agent's back
 */
public record DpuAgentSettings(String node, PortLayout ports, String datapathType, Duration resync) {
}
