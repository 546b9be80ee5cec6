package io.dpuplane.functions.dpuset;

import com.google.protobuf.Struct;
import io.dpuplane.functions.proto.v1.Capability;
import io.dpuplane.functions.sdk.CannotComposeException;
import io.dpuplane.functions.sdk.CompositionFunction;
import io.dpuplane.functions.sdk.FunctionRequest;
import io.dpuplane.functions.sdk.FunctionResponse;
import io.dpuplane.functions.sdk.Structs;
import io.dpuplane.functions.sdk.Unstructured;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * DPUSet: one DPU per card the set selects (DPUDevices on selected DPUNodes, supplied by Crossplane as
 * required resources), replaced no faster than {@code maxUnavailable} allows when the BFB or flavor
 * changes, with readiness, counts and conditions rolled up into the composite.
 */
@ApplicationScoped
public class DPUSetFunction implements CompositionFunction {

    static final String INPUT_KIND = "DPUSet";
    /** While DPUs are provisioning or being replaced, call again sooner than when all is settled. */
    static final Duration CONVERGING_TTL = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(DPUSetFunction.class);

    @Override
    public String inputKind() {
        return INPUT_KIND;
    }

    @Override
    public void run(FunctionRequest request, FunctionResponse response) {
        if (!request.supports(Capability.CAPABILITY_REQUIRED_RESOURCES)) {
            throw new CannotComposeException("this Crossplane does not supply required resources, which DPUSet "
                    + "needs to read the DPUDevice and DPUNode inventory: use Crossplane v2.0 or later");
        }
        Unstructured composite = request.observedComposite();
        DPUSetSpec spec = specOf(composite);
        String namespace = composite.namespace();
        Map<String, ObservedDpu> observed = observedDpus(request);
        DpuTemplate template = new DpuTemplate(namespace, spec);

        Inventory.require(response, namespace, spec);
        Optional<Inventory.Selection> selection = Inventory.select(request, namespace, spec);
        if (selection.isEmpty()) {
            // Crossplane calls again once it has fetched the inventory; until then change nothing.
            observed.values().forEach(dpu -> response.compose(dpu.key(),
                    template.dpu(dpu.name(), dpu.hostNode(), dpu.deviceName(), dpu.revision()), dpu.ready()));
            return;
        }

        List<Rollout.Member> members = new ArrayList<>();
        selection.get().devices().forEach(device -> members.add(new Rollout.Member(device,
                observed.get(device.key()))));
        Rollout.Plan plan = Rollout.plan(members, spec.revision(), spec.maxUnavailable().of(members.size()));
        Composed composed = composeDpus(response, template, composite.name(), members, plan);

        response.compositeStatus(composed.status().toStruct());
        response.compositeReady(composed.status().allReady());
        if (!composed.status().allReady() || plan.outdated() > 0) {
            response.ttl(CONVERGING_TTL);
        }
        String noMatch = members.isEmpty() ? selection.get().noMatchMessage(namespace, spec) : "";
        DPUSetReport.report(response, new DPUSetReport.Round(DPUSetStatus.reportedBy(composite).orElse(null),
                composed.status(), plan, composed.failures(), noMatch));
        LOG.debugf("DPUSet %s/%s: %s, %d outdated, %d being replaced", namespace, composite.name(),
                composed.status(), plan.outdated(), plan.replacing().size());
    }

    /** What composing the DPUs came to: the set's counts, and the DPUs that failed. */
    private record Composed(DPUSetStatus status, List<ObservedDpu> failures) {
    }

    private static Composed composeDpus(FunctionResponse response, DpuTemplate template, String dpuSet,
            List<Rollout.Member> members, Rollout.Plan plan) {
        int ready = 0;
        List<ObservedDpu> failures = new ArrayList<>();
        for (Rollout.Member member : members) {
            Device device = member.device();
            boolean available = member.exists() && member.dpu().ready() && !plan.isReplacing(device.key());
            response.compose(device.key(), desiredDpu(template, dpuSet, member, plan), available);
            if (available) {
                ready++;
            } else if (member.exists() && member.dpu().failed()) {
                failures.add(member.dpu());
            }
        }
        int desired = members.size();
        return new Composed(new DPUSetStatus(desired, ready, desired - ready - failures.size(), failures.size(),
                desired - plan.outdated()), failures);
    }

    // A DPU's card is immutable: an existing DPU keeps the name, host and device it was created with.
    private static Struct desiredDpu(DpuTemplate template, String dpuSet, Rollout.Member member,
            Rollout.Plan plan) {
        Device device = member.device();
        Revision revision = plan.revisionOf(device.key());
        if (!member.exists()) {
            return template.dpu(DpuNames.name(dpuSet, device.node(), device.pciAddress()), device.node(),
                    device.name(), revision);
        }
        ObservedDpu dpu = member.dpu();
        return template.dpu(dpu.name(), dpu.hostNode().isEmpty() ? device.node() : dpu.hostNode(),
                dpu.deviceName().isEmpty() ? device.name() : dpu.deviceName(), revision);
    }

    private static DPUSetSpec specOf(Unstructured composite) {
        if (composite.struct("spec").isEmpty()) {
            throw new CannotComposeException("the DPUSet has no spec");
        }
        DPUSetSpec spec;
        try {
            spec = Structs.read(composite.struct("spec").get(), DPUSetSpec.class);
        } catch (IllegalArgumentException e) {
            throw new CannotComposeException("DPUSet " + composite.name() + ": " + e.getMessage());
        }
        String missing = spec.missingField();
        if (!missing.isEmpty()) {
            throw new CannotComposeException("DPUSet " + composite.name() + ": " + missing + " is required");
        }
        return spec;
    }

    private static Map<String, ObservedDpu> observedDpus(FunctionRequest request) {
        Map<String, ObservedDpu> dpus = new HashMap<>();
        request.observedComposed().forEach((key, object) -> ObservedDpu.from(key, object)
                .ifPresent(dpu -> dpus.put(key, dpu)));
        return dpus;
    }
}
