package io.dpuplane.provider.chain;

import io.dpuplane.apis.svc.v1alpha1.NodeFailure;
import io.dpuplane.apis.svc.v1alpha1.NodeRollup;
import java.util.ArrayList;
import java.util.List;

/**
 * A resource's per-node objects across its DPU clusters, as their agents report them: how many nodes are
 * selected, which are programmed, which failed and why, which have not reported yet, and which clusters
 * could not be reached at all.
 */
final class Rollup<T> {

    int nodes;
    int programmed;
    final List<NodeFailure> failed = new ArrayList<>();
    final List<String> waiting = new ArrayList<>();
    final List<String> clusterProblems = new ArrayList<>();
    final List<T> objects = new ArrayList<>();

    NodeRollup toObservation() {
        NodeRollup rollup = new NodeRollup();
        rollup.setNodes(nodes);
        rollup.setNodesProgrammed(programmed);
        rollup.setNodesFailed(List.copyOf(failed));
        return rollup;
    }

    /** Why the resource is not ready, or null when it is. */
    String notReady(String what) {
        List<String> reasons = new ArrayList<>(clusterProblems);
        if (nodes == 0 && clusterProblems.isEmpty()) {
            return "no DPU node is selected: no node of the target clusters matches the node selector";
        }
        if (programmed < nodes) {
            StringBuilder text = new StringBuilder(programmed + " of " + nodes + " DPU nodes have the " + what
                    + " programmed");
            failed.stream().limit(5).forEach(f -> text.append("; ").append(f.node()).append(" (").append(f.cluster())
                    .append("): ").append(f.message()));
            if (failed.size() > 5) {
                text.append("; ").append(failed.size() - 5).append(" more failed");
            }
            if (!waiting.isEmpty()) {
                text.append("; waiting for ").append(waiting.size() == 1 ? waiting.get(0) : waiting.size() + " nodes");
            }
            reasons.add(text.toString());
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }
}
