package io.dpuplane.agent.dpu.ovs;

import java.util.Collection;
import java.util.List;

/**
 * Everything the DPU agent asks of Open vSwitch: read the bridges it works on, change the database in one
 * transaction, dump a bridge's flows, and apply flow changes as one atomic OpenFlow bundle. Real OVS and
 * the tests' private OVS go through the same implementation ({@link OvsCli}).
 */
public interface OvsClient {

    /** Bridges, ports and interfaces as they are now; bridges that do not exist are absent from the snapshot. */
    OvsSnapshot read(Collection<String> bridges);

    /** Applies the changes (in batches of OVSDB transactions), waiting until ovs-vswitchd has acted on them. */
    void apply(List<OvsChange> changes);

    /** The flows of a bridge, without statistics. */
    List<InstalledFlow> dumpFlows(String bridge);

    /**
     * Applies flow mods ({@code add ...}, {@code delete ...} lines in ovs-ofctl syntax) as one atomic bundle:
     * either all of them take effect, at once, or none does.
     */
    void bundle(String bridge, List<String> flowMods);

    /**
     * Calls {@code onChange} whenever an interface is added, removed or changes (a CNI plugging a pod, an
     * ovs-vswitchd restart renumbering ports), until closed; the default watches nothing.
     */
    default AutoCloseable watch(Runnable onChange) {
        return () -> { };
    }
}
