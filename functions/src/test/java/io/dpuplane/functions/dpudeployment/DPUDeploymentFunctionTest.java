package io.dpuplane.functions.dpudeployment;

import static io.dpuplane.functions.dpudeployment.DeploymentFixture.MEMBER_LABEL;
import static io.dpuplane.functions.dpudeployment.DeploymentFixture.VERSION_LABEL;
import static io.dpuplane.functions.dpudeployment.DeploymentFixture.desired;
import static io.dpuplane.functions.dpudeployment.DeploymentFixture.ready;
import static io.dpuplane.functions.dpudeployment.DeploymentFixture.revision;
import static io.dpuplane.functions.dpudeployment.DeploymentFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.functions.FunctionDispatcher;
import io.dpuplane.functions.dpuset.TestFleet;
import io.dpuplane.functions.proto.v1.Condition;
import io.dpuplane.functions.proto.v1.Ready;
import io.dpuplane.functions.proto.v1.Resource;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.proto.v1.Severity;
import io.dpuplane.functions.proto.v1.Status;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DPUDeployment function from request to response, as Crossplane would call it. */
class DPUDeploymentFunctionTest {

    private final FunctionDispatcher function = new FunctionDispatcher(List.of(new DPUDeploymentFunction()));

    private static Condition condition(RunFunctionResponse response, String type) {
        return response.getConditionsList().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private static String fatal(RunFunctionResponse response) {
        assertThat(response.getResultsList()).singleElement()
                .satisfies(r -> assertThat(r.getSeverity()).isEqualTo(Severity.SEVERITY_FATAL));
        return response.getResults(0).getMessage();
    }

    @Test
    void everyDpuCarriesMembershipAndTheFirewallRevisionThatItsReleaseIsPinnedTo() {
        RunFunctionResponse response = function.run(TestFleet.ofHosts(4).dpuDeployment(spec("1.0.0")).request());

        String revision = DeploymentFixture.targetRevision(response);
        assertThat(revision).matches("[0-9a-f]{8}");
        for (int host = 1; host <= 4; host++) {
            assertThat(desired(response, "dpu-worker-" + host + "-03-00-0")
                    .stringMap("spec", "forProvider", "clusterNodeLabels"))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(MEMBER_LABEL, "member", VERSION_LABEL, revision));
        }
        Unstructured release = desired(response, "service-firewall-" + revision);
        assertThat(release.name()).isEqualTo("edge-firewall-" + revision);
        assertThat(release.stringMap("spec", "forProvider", "nodeSelector")).containsExactly(
                Map.entry(VERSION_LABEL, revision));
        assertThat(release.list("spec", "forProvider", "clusters", "names")).extracting(v -> v.getStringValue())
                .containsExactly("edge");
        assertThat(desired(response, "chain").stringMap("spec", "forProvider", "nodeSelector"))
                .containsExactly(Map.entry(MEMBER_LABEL, "member"));
        assertThat(response.getDesired().getResourcesMap()).containsOnlyKeys("dpu-worker-1-03-00-0",
                "dpu-worker-2-03-00-0", "dpu-worker-3-03-00-0", "dpu-worker-4-03-00-0", "service-firewall-" + revision,
                "interface-firewall-in", "interface-firewall-out", "interface-p0", "interface-pf0", "ipam-pool",
                "chain");
    }

    @Test
    void theChartGetsTheServiceIdAndItsNetworksWithTheUsersValuesOnTop() {
        RunFunctionResponse response = function.run(TestFleet.ofHosts(1).dpuDeployment(spec("1.0.0")).request());

        Unstructured values = desired(response, "service-firewall-" + DeploymentFixture.targetRevision(response))
                .object("spec", "forProvider", "values");
        assertThat(values.string("serviceID")).hasValue("edge-firewall");
        assertThat(values.stringMap("serviceDaemonSet", "labels")).containsExactly(
                Map.entry("svc.dpuplane.io/service", "edge-firewall"));
        assertThat(values.string("serviceDaemonSet", "annotations", "k8s.v1.cni.cncf.io/networks")).hasValue(
                "[{\"name\":\"dpuplane-sfc\",\"interface\":\"net1\"},{\"name\":\"dpuplane-sfc\",\"interface\":\"net2\"}]");
        assertThat(values.list("rules", "allow")).extracting(v -> v.getStringValue()).containsExactly("tcp/22");
    }

    @Test
    void aServiceWrittenInAnotherOrderOrWithItsDefaultNetworkSpelledOutKeepsItsRevision() {
        String reordered = """
                dpus: {bfbRef: {name: bf-bundle-2.9.1}, flavorRef: {name: standard}, dpuClusterRef: {name: edge},
                       nodeSelector: {matchLabels: {dpuplane.io/pool: edge}}, rollingUpdate: {maxUnavailable: 2}}
                services:
                  firewall:
                    interfaces: [{interfaceName: net1, name: in, network: dpuplane-sfc}, {name: out, interfaceName: net2}]
                    values: {rules: {allow: [tcp/22]}}
                    version: 1.0.0
                    chart: firewall
                    source: {oci: oci://ghcr.io/example/charts}
                """;
        String original = DeploymentFixture.targetRevision(function.run(TestFleet.ofHosts(1)
                .dpuDeployment(spec("1.0.0")).request()));

        assertThat(DeploymentFixture.targetRevision(function.run(TestFleet.ofHosts(1).dpuDeployment(reordered)
                .request()))).isEqualTo(original);
        assertThat(DeploymentFixture.targetRevision(function.run(TestFleet.ofHosts(1).dpuDeployment(spec("1.0.1"))
                .request()))).isNotEqualTo(original);
    }

    @Test
    void aChainPortNamingAnInterfaceTheDeploymentDoesNotDefineIsRefusedWithWhatItHas() {
        String spec = spec("1.0.0").replace("{interface: pf0}", "{interface: pf9}");

        String message = fatal(function.run(TestFleet.ofHosts(1).dpuDeployment(spec).request()));

        assertThat(message).isEqualTo("DPUDeployment edge: spec.chain.switches[1].ports[1] names interface pf9, "
                + "which spec.interfaces does not define (it has: p0, pf0)");
    }

    @Test
    void aChainPortNamingAMissingServiceInterfaceOrPoolIsRefused() {
        assertThat(fatal(function.run(TestFleet.ofHosts(1).dpuDeployment(spec("1.0.0")
                .replace("interface: out}", "interface: egress}")).request())))
                .contains("names interface egress of service firewall, which spec.services.firewall.interfaces "
                        + "does not define (it has: in, out)");
        assertThat(fatal(function.run(TestFleet.ofHosts(1).dpuDeployment(spec("1.0.0")
                .replace("ipam: pool}", "ipam: loopback}")).request())))
                .contains("names IP pool loopback, which spec.ipam does not define (it has: pool)");
    }

    @Test
    void aServiceWithoutAChartVersionIsRefusedBeforeAnythingIsReleased() {
        String spec = spec("1.0.0").replace("    version: 1.0.0\n", "");

        assertThat(fatal(function.run(TestFleet.ofHosts(1).dpuDeployment(spec).request())))
                .isEqualTo("DPUDeployment edge: spec.services.firewall needs source, chart and version");
    }

    @Test
    void aServiceInterfaceListedAmongTheHostSideInterfacesIsRefused() {
        String spec = spec("1.0.0").replace("pf0: {interfaceType: pf, pf: {pfID: 0}}",
                "pf0: {interfaceType: service}");

        assertThat(fatal(function.run(TestFleet.ofHosts(1).dpuDeployment(spec).request())))
                .contains("interface pf0 has interfaceType service; spec.interfaces takes vf, pf, physical or ovn");
    }

    @Test
    void theDeploymentIsReadyOnlyOnceItsDpusItsReleaseAndItsNetworkAreAllReady() {
        TestFleet fleet = TestFleet.ofHosts(2).dpuDeployment(spec("1.0.0"));
        RunFunctionResponse first = function.run(fleet.request());
        String revision = DeploymentFixture.targetRevision(first);
        fleet.allDpusReadyAt(revision(revision));
        for (Map.Entry<String, Resource> part : first.getDesired().getResourcesMap().entrySet()) {
            if (!part.getKey().startsWith("dpu-") && !part.getKey().equals("chain")) {
                fleet.observed(part.getKey(), ready(part.getValue().getResource()));
            }
        }

        RunFunctionResponse chainPending = function.run(fleet.request());
        assertThat(chainPending.getDesired().getComposite().getReady()).isEqualTo(Ready.READY_FALSE);
        assertThat(condition(chainPending, "ServicesReady").getStatus()).isEqualTo(Status.STATUS_CONDITION_TRUE);
        assertThat(condition(chainPending, "NetworkReady").getMessage()).isEqualTo(
                "DPUServiceChain edge: not created yet");

        fleet.observed("chain", ready(first.getDesired().getResourcesOrThrow("chain").getResource()));
        RunFunctionResponse settled = function.run(fleet.request());
        assertThat(settled.getDesired().getComposite().getReady()).isEqualTo(Ready.READY_TRUE);
        assertThat(settled.getDesired().getResourcesMap().values()).allSatisfy(r ->
                assertThat(r.getReady()).isEqualTo(Ready.READY_TRUE));
        assertThat(settled.getMeta().getTtl().getSeconds()).isEqualTo(60);
    }
}
