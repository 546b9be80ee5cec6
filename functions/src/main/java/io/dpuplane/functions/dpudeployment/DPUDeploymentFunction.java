package io.dpuplane.functions.dpudeployment;

import com.google.protobuf.Struct;
import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.dpuplane.functions.dpuset.DPUSetFunction;
import io.dpuplane.functions.dpuset.DPUSetReport;
import io.dpuplane.functions.dpuset.DPUSetSpec;
import io.dpuplane.functions.dpuset.DPUSetStatus;
import io.dpuplane.functions.dpuset.DpuFleet;
import io.dpuplane.functions.sdk.CompositionFunction;
import io.dpuplane.functions.sdk.FunctionRequest;
import io.dpuplane.functions.sdk.FunctionResponse;
import io.dpuplane.functions.sdk.Structs;
import io.dpuplane.functions.sdk.Unstructured;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * DPUDeployment: a fleet of DPUs (a DPUSet's parts, rolled out by the same code) with network functions
 * released on them, the interfaces and IP pools they need, and one chain through them. A service change is
 * a new revision: each DPU moves to it as the rolling update reaches it (its Node's version label changes),
 * and the old revision's DPUService stays until no DPU runs it.
 */
@ApplicationScoped
public class DPUDeploymentFunction implements CompositionFunction {

    static final String INPUT_KIND = "DPUDeployment";
    private static final Logger LOG = Logger.getLogger(DPUDeploymentFunction.class);

    @Override
    public String inputKind() {
        return INPUT_KIND;
    }

    @Override
    public void run(FunctionRequest request, FunctionResponse response) {
        DPUSetFunction.requireInventorySupport(request, INPUT_KIND);
        Unstructured composite = request.observedComposite();
        String name = composite.name();
        String owner = INPUT_KIND + " " + name;
        DPUDeploymentSpec spec = DPUDeploymentSpec.read(composite.struct("spec").orElse(Struct.getDefaultInstance()),
                owner);
        DPUSetSpec dpus = DPUSetSpec.read(composite.struct("spec", "dpus"), "spec.dpus", owner)
                .withClusterNodeLabels(Map.of(DeploymentLabels.member(name), DeploymentLabels.MEMBER_VALUE));

        Map<String, String> revisions = ServiceReleases.revisions(spec);
        DpuFleet.Outcome fleet = DpuFleet.compose(request, response, name, composite.namespace(), dpus,
                ServiceReleases.targetLabels(name, revisions));
        ProviderConfigReference providerConfig = spec.providerConfigRef() != null ? spec.providerConfigRef()
                : dpus.providerConfigRef();
        Composer composer = new Composer(response, INPUT_KIND, name, composite.namespace(), dpus.dpuClusterRef().name(),
                providerConfig, request.observedComposed());
        List<ServiceReleases.Release> releases = ServiceReleases.compose(composer, spec, revisions,
                fleet.revisions().values());
        List<Composer.Composed> network = NetworkParts.compose(composer, spec);
        if (fleet.selection().isEmpty()) {
            return;
        }

        DpuFleet.Round round = fleet.selection().get();
        int desired = round.status().desired();
        Unstructured previous = composite.object("status");
        response.compositeStatus(Struct.newBuilder()
                .putFields("dpus", Structs.struct(round.status().toStruct()))
                .putFields("services", DeploymentReport.servicesStatus(releases))
                .build());
        DPUSetReport.report(response, new DPUSetReport.Round(DPUSetStatus.readFrom(previous.object("dpus"))
                .orElse(null), round.status(), round.plan(), round.failures(), round.noMatch()));
        DeploymentReport.conditions(response, releases, desired, network);
        DeploymentReport.events(response, previous, releases, desired);
        boolean ready = fleet.converged() && DeploymentReport.servicesSettled(releases, desired)
                && DeploymentReport.networkReady(network);
        response.compositeReady(ready);
        if (!ready) {
            response.ttl(DPUSetFunction.CONVERGING_TTL);
        }
        LOG.debugf("DPUDeployment %s/%s: DPUs %s, %d service releases, ready %s", composite.namespace(), name,
                round.status(), releases.size(), ready);
    }
}
