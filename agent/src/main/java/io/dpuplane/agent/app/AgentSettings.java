package io.dpuplane.agent.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How the agent runs (environment: DPUPLANE_AGENT_MODE, DPUPLANE_AGENT_NODE_NAME, ...). */
@ConfigMapping(prefix = "dpuplane.agent")
public interface AgentSettings {

    /** host: flash and report this host's BlueFields; dpu: program OVS on this DPU; emulator: emulate hosts. */
    @WithDefault("host")
    String mode();

    /** This node's name (the Downward API's spec.nodeName). */
    Optional<String> nodeName();

    /** Where the rshim devices are. */
    @WithDefault("/dev")
    Path devRoot();

    /** Where sysfs is. */
    @WithDefault("/sys")
    Path sysRoot();

    /**
     * Where the operation journal and the downloaded BFBs ({@code bfbs/}) live; keep it on the host so it survives
     * the pod.
     */
    @WithDefault("/var/lib/dpuplane-agent")
    Path stateDir();

    /** The namespace of the DPUNode and DPUDevice objects. */
    @WithDefault("dpuplane-system")
    String inventoryNamespace();

    /** How often the inventory is refreshed and the heartbeat sent. */
    @WithDefault("10s")
    Duration inventoryInterval();

    /** The gRPC port of the host agent's API. */
    @WithDefault("8443")
    int grpcPort();

    /** The address other components reach this agent at (host:port); defaults to the node name and port. */
    Optional<String> advertiseAddress();

    /** tls.crt, tls.key and ca.crt for the mutual-TLS API. */
    @WithDefault("/tls/server")
    Path tlsCertsDir();

    /** How long a DPU may take from the end of its boot stream to being up. */
    @WithDefault("30m")
    Duration bootTimeout();

    /** How long a BFB download may wait for the registry's next byte before the install fails. */
    @WithDefault("60s")
    Duration stallTimeout();

    /**
     * How many BFBs the host keeps once downloaded (the most recently used; one being streamed is never deleted):
     * its cards' installs share one download, and a rollback to the previous BFB needs none.
     */
    @WithDefault("2")
    int keptBfbs();

    /** Emulator mode: the directory the emulated hosts live under (one sub-directory each). */
    @WithDefault("/var/lib/dpuplane-emulator")
    Path emulatorRoot();

    /** Emulator mode: how many hosts. */
    @WithDefault("2")
    int emulatedHosts();

    /** Emulator mode: BlueFields per host. */
    @WithDefault("2")
    int emulatedDpusPerHost();

    /**
     * Emulator mode: a kubeconfig of the DPU cluster the emulated kubelets keep using once joined (their
     * post-bootstrap credential) and play pods with; unset, they keep their bootstrap token.
     */
    Optional<Path> emulatorKubeletKubeconfig();

    /** Emulator mode: real boot durations times this (0.01 makes a 3-minute boot take about 2 s). */
    @WithDefault("0.01")
    double emulatorTimeScale();
}
