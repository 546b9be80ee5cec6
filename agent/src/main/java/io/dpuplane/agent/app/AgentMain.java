package io.dpuplane.agent.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * {@code dpuplane-agent}: prints its usage on {@code -h}/{@code --help}; otherwise starts the agent, configured
 * by the environment (as a DaemonSet sets it) or system properties.
 */
@QuarkusMain
public final class AgentMain {

    static final String USAGE = """
            Usage: dpuplane-agent [-h|--help]

            The dpuplane node agent. Configured by environment variables (or -D system properties):
              DPUPLANE_AGENT_MODE            host (default): flash and report this host's BlueFields over rshim
                                             dpu: program OVS ports, flows and IP pools on this DPU
                                             emulator: emulate hosts with BlueFields (sandbox, tests)
              DPUPLANE_AGENT_NODE_NAME       this node's name (the Downward API's spec.nodeName)
              DPUPLANE_AGENT_DEV_ROOT        where the rshim devices are (default /dev)
              DPUPLANE_AGENT_SYS_ROOT        where sysfs is (default /sys)
              DPUPLANE_AGENT_STATE_DIR       the operation journal (default /var/lib/dpuplane-agent)
              DPUPLANE_AGENT_GRPC_PORT       the host agent's mutual-TLS API port (default 8443)
              DPUPLANE_AGENT_TLS_CERTS_DIR   tls.crt, tls.key and ca.crt of that API (default /tls/server)
              DPUPLANE_AGENT_DPU_BRIDGE      DPU mode: the chaining bridge (default br-sfc)
            Every setting: package/agent-chart/values.yaml and agent/src/main/java/io/dpuplane/agent/app/AgentSettings.java.
            Health: /q/health on the HTTP port (QUARKUS_HTTP_PORT, default 8081).
            """;

    private AgentMain() {
    }

    public static void main(String... args) {
        if (Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help")) {
            System.out.print(USAGE);
            return;
        }
        Quarkus.run(args);
    }
}
