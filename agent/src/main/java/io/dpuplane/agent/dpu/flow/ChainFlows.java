package io.dpuplane.agent.dpu.flow;

import java.util.List;

/**
 * The flows one chain should have on the bridge now, under its cookie; {@code key} is the chain's
 * namespace/name.
 */
public record ChainFlows(String key, long cookie, List<String> flows) {

    public ChainFlows {
        flows = List.copyOf(flows);
    }

    /** A digest of the rendered flows: changes exactly when what the chain should install changes. */
    public String fingerprint() {
        return Fingerprints.of(flows);
    }
}
