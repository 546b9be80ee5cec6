package io.dpuplane.agent.dpu;

import io.dpuplane.agent.dpu.ovs.InstalledFlow;
import io.dpuplane.agent.dpu.ovs.OvsChange;
import io.dpuplane.agent.dpu.ovs.OvsClient;
import io.dpuplane.agent.dpu.ovs.OvsSnapshot;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real OVS client, remembering every change the agent makes, so a test can say "nothing changed". */
final class RecordingOvs implements OvsClient {

    private final OvsClient real;
    final List<Object> changes = new CopyOnWriteArrayList<>();

    RecordingOvs(OvsClient real) {
        this.real = real;
    }

    @Override
    public OvsSnapshot read(Collection<String> bridges) {
        return real.read(bridges);
    }

    @Override
    public void apply(List<OvsChange> list) {
        changes.addAll(list);
        real.apply(list);
    }

    @Override
    public List<InstalledFlow> dumpFlows(String bridge) {
        return real.dumpFlows(bridge);
    }

    @Override
    public void bundle(String bridge, List<String> flowMods) {
        changes.addAll(flowMods);
        real.bundle(bridge, flowMods);
    }

    @Override
    public AutoCloseable watch(Runnable onChange) {
        return real.watch(onChange);
    }
}
