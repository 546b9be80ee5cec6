package io.dpuplane.agent.dpu.flow;

import java.util.List;

/**
 * One chain resolved on this node: the flows to install (for every switch whose ports resolved), what could
 * not be resolved, and which pool each port's address is asked from.
 */
public record ChainPlan(ChainFlows flows, List<String> problems, List<AddressRequest> addresses) {

    public ChainPlan {
        problems = List.copyOf(problems);
        addresses = List.copyOf(addresses);
    }

    /** A port asking a pool (namespace/name) for an address for its owner. */
    public record AddressRequest(String pool, String owner, String port) {
    }
}
