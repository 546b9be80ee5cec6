package io.dpuplane.functions.dpuset;

import io.dpuplane.functions.proto.v1.Capability;
import io.dpuplane.functions.sdk.CannotComposeException;
import io.dpuplane.functions.sdk.CompositionFunction;
import io.dpuplane.functions.sdk.FunctionRequest;
import io.dpuplane.functions.sdk.FunctionResponse;
import io.dpuplane.functions.sdk.Unstructured;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
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
    public static final Duration CONVERGING_TTL = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(DPUSetFunction.class);

    @Override
    public String inputKind() {
        return INPUT_KIND;
    }

    @Override
    public void run(FunctionRequest request, FunctionResponse response) {
        requireInventorySupport(request, "DPUSet");
        Unstructured composite = request.observedComposite();
        DPUSetSpec spec = DPUSetSpec.read(composite.struct("spec"), "spec", "DPUSet " + composite.name());
        DpuFleet.Outcome outcome = DpuFleet.compose(request, response, composite.name(), composite.namespace(),
                spec, Map.of());
        if (outcome.selection().isEmpty()) {
            return;
        }
        DpuFleet.Round round = outcome.selection().get();
        response.compositeStatus(round.status().toStruct());
        response.compositeReady(round.status().allReady());
        if (!outcome.converged()) {
            response.ttl(CONVERGING_TTL);
        }
        DPUSetReport.report(response, new DPUSetReport.Round(DPUSetStatus.reportedBy(composite).orElse(null),
                round.status(), round.plan(), round.failures(), round.noMatch()));
        LOG.debugf("DPUSet %s/%s: %s, %d outdated, %d being replaced", composite.namespace(), composite.name(),
                round.status(), round.plan().outdated(), round.plan().replacing().size());
    }

    /** The DPUs of a set are chosen from the inventory, which only a Crossplane with required resources supplies. */
    public static void requireInventorySupport(FunctionRequest request, String kind) {
        if (!request.supports(Capability.CAPABILITY_REQUIRED_RESOURCES)) {
            throw new CannotComposeException("this Crossplane does not supply required resources, which " + kind
                    + " needs to read the DPUDevice and DPUNode inventory: use Crossplane v2.0 or later");
        }
    }
}
