package io.dpuplane.agent.dpu;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Options of the agent's DPU mode ({@code dpuplane.agent.dpu.*}, env {@code DPUPLANE_AGENT_DPU_*}); the mode
 * itself and the node name are the agent's own settings ({@code dpuplane.agent.mode=dpu},
 * {@code dpuplane.agent.node-name}).
 */
@ConfigMapping(prefix = "dpuplane.agent.dpu")
public interface DpuModeConfig {

    /** The chaining bridge. */
    @WithDefault("br-sfc")
    String bridge();

    /** OVN-Kubernetes' external bridge, for ovn interfaces. */
    @WithDefault("br-ovn")
    String ovnBridge();

    /** Interface type of VF, PF and uplink ports; unset means system devices ({@code dpdk} with OVS-DOCA). */
    Optional<String> representorPortType();

    /** Datapath of br-sfc when the agent creates it. */
    @WithDefault("netdev")
    String datapathType();

    /** Where ovsdb-server's {@code db.sock} and the bridges' {@code .mgmt} sockets are. */
    @WithDefault("/var/run/openvswitch")
    Path ovsRunDir();

    /** How long one ovs-vsctl or ovs-ofctl call may take. */
    @WithDefault("10s")
    Duration ovsTimeout();

    /** How often a full pass runs regardless of events. */
    @WithDefault("30s")
    Duration resync();
}
