package io.dpuplane.functions.dpuset;

import io.dpuplane.functions.sdk.EncodedObject;
import io.dpuplane.functions.sdk.FunctionRequest;
import io.dpuplane.functions.sdk.FunctionResponse;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The DPUs of a set, composed: one per selected card, at the revision the rolling update allows each, with
 * its readiness. Owned by the DPUSet composite and reused by a DPUDeployment for its DPUs, so both roll out
 * the same way.
 */
public final class DpuFleet {

    private DpuFleet() {
    }

    /**
     * What one round came to. {@code selection} is empty until Crossplane has supplied the inventory (then the
     * existing DPUs were kept as they are); {@code revisions} is the revision desired for each DPU, by name.
     */
    public record Outcome(Optional<Round> selection, Map<String, Revision> revisions) {

        /** Whether the set is settled: every DPU Ready and none outdated. */
        public boolean converged() {
            return selection.map(r -> r.status().allReady() && r.plan().outdated() == 0).orElse(false);
        }
    }

    /** The counts, the rollout plan, the DPUs that failed and why nothing matched, once cards are selected. */
    public record Round(DPUSetStatus status, Rollout.Plan plan, List<ObservedDpu> failures, String noMatch) {
    }

    /**
     * Composes the DPUs of the set {@code setName} (their names start with it) into the response. Node labels
     * in {@code rolledLabels} are part of the target revision: changing them rolls like a BFB change.
     */
    public static Outcome compose(FunctionRequest request, FunctionResponse response, String setName,
            String namespace, DPUSetSpec spec, Map<String, String> rolledLabels) {
        Map<String, ObservedDpu> observed = observedDpus(request, rolledLabels);
        DpuTemplate template = new DpuTemplate(namespace, spec);
        Map<String, Revision> revisions = new TreeMap<>();

        Inventory.require(response, namespace, spec);
        Optional<Inventory.Selection> selection = Inventory.select(request, namespace, spec);
        if (selection.isEmpty()) {
            // Crossplane calls again once it has fetched the inventory; until then change nothing.
            observed.values().forEach(dpu -> {
                response.compose(dpu.key(), template.dpu(dpu.name(), dpu.hostNode(), dpu.deviceName(),
                        dpu.revision()), dpu.ready());
                revisions.put(dpu.name(), dpu.revision());
            });
            return new Outcome(Optional.empty(), revisions);
        }

        List<Rollout.Member> members = new ArrayList<>(selection.get().devices().size());
        selection.get().devices().forEach(device -> members.add(new Rollout.Member(device,
                observed.get(device.key()))));
        Revision target = spec.revision(rolledLabels);
        Rollout.Plan plan = Rollout.plan(members, target, spec.maxUnavailable().of(members.size()));
        int ready = 0;
        List<ObservedDpu> failures = new ArrayList<>();
        for (Rollout.Member member : members) {
            Device device = member.device();
            boolean available = member.exists() && member.dpu().ready() && !plan.isReplacing(device.key());
            String name = nameOf(setName, member);
            Revision revision = plan.revisionOf(device.key());
            response.compose(device.key(), desiredDpu(template, name, member, revision), available);
            revisions.put(name, revision);
            if (available) {
                ready++;
            } else if (member.exists() && member.dpu().failed()) {
                failures.add(member.dpu());
            }
        }
        int desired = members.size();
        DPUSetStatus status = new DPUSetStatus(desired, ready, desired - ready - failures.size(), failures.size(),
                desired - plan.outdated());
        String noMatch = members.isEmpty() ? selection.get().noMatchMessage(namespace, spec) : "";
        return new Outcome(Optional.of(new Round(status, plan, failures, noMatch)), revisions);
    }

    // A DPU's card is immutable: an existing DPU keeps the name, host and device it was created with.
    private static String nameOf(String setName, Rollout.Member member) {
        Device device = member.device();
        return member.exists() ? member.dpu().name() : DpuNames.name(setName, device.node(), device.pciAddress());
    }

    private static EncodedObject desiredDpu(DpuTemplate template, String name, Rollout.Member member, Revision revision) {
        Device device = member.device();
        if (!member.exists()) {
            return template.dpu(name, device.node(), device.name(), revision);
        }
        ObservedDpu dpu = member.dpu();
        return template.dpu(name, dpu.hostNode().isEmpty() ? device.node() : dpu.hostNode(),
                dpu.deviceName().isEmpty() ? device.name() : dpu.deviceName(), revision);
    }

    private static Map<String, ObservedDpu> observedDpus(FunctionRequest request, Map<String, String> rolledLabels) {
        Map<String, Unstructured> observed = request.observedComposed();
        Map<String, ObservedDpu> dpus = new HashMap<>(observed.size() * 4 / 3 + 1);
        observed.forEach((key, object) -> ObservedDpu.from(key, object, rolledLabels.keySet())
                .ifPresent(dpu -> dpus.put(key, dpu)));
        return dpus;
    }
}
