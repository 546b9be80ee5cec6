package io.dpuplane.functions.dpuset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Struct;
import io.dpuplane.functions.FunctionDispatcher;
import io.dpuplane.functions.proto.v1.Capability;
import io.dpuplane.functions.proto.v1.Condition;
import io.dpuplane.functions.proto.v1.Ready;
import io.dpuplane.functions.proto.v1.RequestMeta;
import io.dpuplane.functions.proto.v1.Resource;
import io.dpuplane.functions.proto.v1.Result;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.proto.v1.Severity;
import io.dpuplane.functions.proto.v1.Status;
import io.dpuplane.functions.sdk.Structs;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DPUSet function from request to response, as Crossplane would call it. */
class DPUSetFunctionTest {

    static final String SPEC = """
            nodeSelector: {matchLabels: {dpuplane.io/pool: edge}}
            dpuSelector: {models: [BlueField-3]}
            bfbRef: {name: bf-bundle-2.9.1}
            flavorRef: {name: standard}
            dpuClusterRef: {name: edge}
            nodeEffect: {drain: {timeout: 10m}}
            rollingUpdate: {maxUnavailable: 2}
            dpuLabels: {dpuplane.io/pool: edge}
            clusterNodeLabels: {node-role.dpuplane.io/edge: ""}
            """;
    static final Revision CURRENT = new Revision("bf-bundle-2.9.1", "standard");

    private final FunctionDispatcher function = new FunctionDispatcher(List.of(new DPUSetFunction()));

    private static Unstructured desired(RunFunctionResponse response, String key) {
        return new Unstructured(response.getDesired().getResourcesOrThrow(key).getResource());
    }

    private static Unstructured status(RunFunctionResponse response) {
        return new Unstructured(response.getDesired().getComposite().getResource()).object("status");
    }

    private static Condition condition(RunFunctionResponse response, String type) {
        return response.getConditionsList().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private static Struct statusOf(RunFunctionResponse response) {
        return response.getDesired().getComposite().getResource().getFieldsOrThrow("status").getStructValue();
    }

    @Test
    void asksForTheCardsAndHostsInItsNamespaceAndComposesNothingUntilCrossplaneSuppliesThem() {
        RunFunctionResponse response = function.run(TestFleet.ofHosts(3).dpuSet(SPEC).withoutInventory());

        assertThat(response.getResultsList()).isEmpty();
        assertThat(response.getDesired().getResourcesMap()).isEmpty();
        assertThat(response.getDesired().getComposite().getResource().getFieldsMap()).doesNotContainKey("status");
        assertThat(response.getRequirements().getResourcesMap()).containsOnlyKeys("dpudevices", "dpunodes");
        assertThat(response.getRequirements().getResourcesOrThrow("dpunodes")).satisfies(nodes -> {
            assertThat(nodes.getApiVersion()).isEqualTo("provisioning.dpuplane.io/v1alpha1");
            assertThat(nodes.getKind()).isEqualTo("DPUNode");
            assertThat(nodes.getNamespace()).isEqualTo(TestFleet.NAMESPACE);
            assertThat(nodes.getMatchLabels().getLabelsMap()).containsExactly(Map.entry("dpuplane.io/pool", "edge"));
        });
        assertThat(response.getRequirements().getResourcesOrThrow("dpudevices")).satisfies(devices -> {
            assertThat(devices.getKind()).isEqualTo("DPUDevice");
            assertThat(devices.getNamespace()).isEqualTo(TestFleet.NAMESPACE);
            assertThat(devices.hasMatchLabels()).isTrue();
        });
    }

    @Test
    void keepsTheDpusItHasWhileTheInventoryIsNotYetSupplied() {
        RunFunctionResponse response = function.run(TestFleet.ofHosts(2).dpuSet(SPEC)
                .observedDpu("worker-1", CURRENT, true).observedDpu("worker-2", new Revision("old", "standard"), false)
                .withoutInventory());

        assertThat(response.getDesired().getResourcesMap()).containsOnlyKeys("dpu-worker-1-03-00-0",
                "dpu-worker-2-03-00-0");
        assertThat(desired(response, "dpu-worker-2-03-00-0").string("spec", "forProvider", "bfbRef", "name"))
                .contains("old");
        assertThat(response.getDesired().getResourcesOrThrow("dpu-worker-1-03-00-0").getReady())
                .isEqualTo(Ready.READY_TRUE);
    }

    @Test
    void composesOneDpuPerSelectedCardWithAStableNameAndTheSetsSpec() {
        RunFunctionResponse response = function.run(TestFleet.ofHosts(3).dpuSet(SPEC)
                .withBlueField2OnFirstHost().inPool("worker-3", "core").request());

        assertThat(response.getDesired().getResourcesMap()).containsOnlyKeys("dpu-worker-1-03-00-0",
                "dpu-worker-2-03-00-0");
        Unstructured dpu = desired(response, "dpu-worker-1-03-00-0");
        assertThat(dpu.apiVersion()).isEqualTo("provisioning.dpuplane.io/v1alpha1");
        assertThat(dpu.kind()).isEqualTo("DPU");
        assertThat(dpu.name()).isEqualTo("edge-worker-1-03-00-0");
        assertThat(dpu.namespace()).isEqualTo(TestFleet.NAMESPACE);
        assertThat(dpu.labels()).containsExactly(Map.entry("dpuplane.io/pool", "edge"));
        Unstructured forProvider = dpu.object("spec", "forProvider");
        assertThat(forProvider.string("hostNode")).contains("worker-1");
        assertThat(forProvider.string("deviceRef", "name")).contains("worker-1-03-00-0");
        assertThat(forProvider.string("pciAddress")).isEmpty();
        assertThat(forProvider.string("bfbRef", "name")).contains("bf-bundle-2.9.1");
        assertThat(forProvider.string("flavorRef", "name")).contains("standard");
        assertThat(forProvider.string("dpuClusterRef", "name")).contains("edge");
        assertThat(forProvider.string("nodeEffect", "drain", "timeout")).contains("10m");
        assertThat(forProvider.stringMap("clusterNodeLabels")).containsOnlyKeys("node-role.dpuplane.io/edge");
        assertThat(dpu.object().getFieldsMap()).containsOnlyKeys("apiVersion", "kind", "metadata", "spec");
        assertThat(dpu.object("spec").object().getFieldsMap()).containsOnlyKeys("forProvider");
    }

    @Test
    void theDpuSelectorsPciAddressesAndTheDefaultNodeEffectApply() {
        RunFunctionResponse response = function.run(TestFleet.ofHosts(2).dpuSet("""
                dpuSelector: {pciAddresses: ["0000:04:00.0"]}
                bfbRef: {name: bf-bundle-2.9.1}
                flavorRef: {name: standard}
                dpuClusterRef: {name: edge}
                """).withBlueField2OnFirstHost().request());

        assertThat(response.getDesired().getResourcesMap()).containsOnlyKeys("dpu-worker-1-04-00-0");
        assertThat(response.getRequirements().getResourcesMap()).containsOnlyKeys("dpudevices");
        assertThat(desired(response, "dpu-worker-1-04-00-0").struct("spec", "forProvider", "nodeEffect", "drain"))
                .isPresent();
    }

    @Test
    void aDpuIsReadyOnlyWhenTheProviderSaysSoForItsCurrentSpec() {
        TestFleet fleet = TestFleet.ofHosts(3).dpuSet(SPEC).observedDpu("worker-1", CURRENT, true)
                .observedDpu("worker-2", CURRENT, false);
        // Ready, but about generation 1 while the spec is at generation 2: the provider has not caught up.
        Struct stale = TestFleet.dpu("worker-3", CURRENT, TestFleet.Readiness.READY, 2, 1);
        RunFunctionResponse response = function.run(fleet.observed("dpu-worker-3-03-00-0", stale).request());

        assertThat(response.getDesired().getResourcesMap()).extractingFromEntries(e -> e.getKey(),
                e -> e.getValue().getReady()).containsExactlyInAnyOrder(
                tuple("dpu-worker-1-03-00-0", Ready.READY_TRUE),
                tuple("dpu-worker-2-03-00-0", Ready.READY_FALSE),
                tuple("dpu-worker-3-03-00-0", Ready.READY_FALSE));
        assertThat(response.getDesired().getComposite().getReady()).isEqualTo(Ready.READY_FALSE);
        assertThat(status(response).number("desired")).contains(3L);
        assertThat(status(response).number("ready")).contains(1L);
        assertThat(status(response).number("provisioning")).contains(2L);
        assertThat(condition(response, "DPUsReady").getMessage()).isEqualTo("1 of 3 DPUs is Ready, 2 provisioning");
        assertThat(response.getMeta().getTtl().getSeconds()).isEqualTo(30);
    }

    @Test
    void aSetWhoseDpusAreAllReadyIsReadyAndSaysSoOnlyOnce() {
        TestFleet fleet = TestFleet.ofHosts(3).dpuSet(SPEC).allDpusReadyAt(CURRENT);

        RunFunctionResponse first = function.run(fleet.request());
        RunFunctionResponse again = function.run(fleet.dpuSetStatus(statusOf(first)).request());

        assertThat(first.getDesired().getComposite().getReady()).isEqualTo(Ready.READY_TRUE);
        assertThat(first.getResultsList()).extracting(Result::getReason).containsExactly("AllDPUsReady");
        assertThat(first.getResults(0).getMessage()).isEqualTo("all 3 DPUs are Ready");
        assertThat(condition(first, "DPUsReady").getStatus()).isEqualTo(Status.STATUS_CONDITION_TRUE);
        assertThat(condition(first, "DPUsUpdated").getStatus()).isEqualTo(Status.STATUS_CONDITION_TRUE);
        assertThat(first.getMeta().getTtl().getSeconds()).isEqualTo(60);
        assertThat(again.getResultsList()).isEmpty();
        assertThat(again.getConditionsList()).isEqualTo(first.getConditionsList());
    }

    @Test
    void aFailedDpuIsCountedAndNamedWithItsErrorInOneWarning() {
        TestFleet fleet = TestFleet.ofHosts(2).dpuSet(SPEC).observedDpu("worker-1", CURRENT, true)
                .observed("dpu-worker-2-03-00-0", TestFleet.dpu("worker-2", CURRENT, TestFleet.Readiness.FAILED, 1));

        RunFunctionResponse first = function.run(fleet.request());
        RunFunctionResponse again = function.run(fleet.dpuSetStatus(statusOf(first)).request());

        assertThat(status(first).number("failed")).contains(1L);
        assertThat(first.getResultsList()).singleElement().satisfies(warning -> {
            assertThat(warning.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING);
            assertThat(warning.getReason()).isEqualTo("DPUsFailed");
            assertThat(warning.getMessage()).isEqualTo(
                    "1 DPU failed: edge-worker-2-03-00-0 (BFB bf-bundle-2.9.1: sha256 mismatch)");
        });
        assertThat(condition(first, "DPUsReady").getReason()).isEqualTo("Failed");
        assertThat(again.getResultsList()).isEmpty();
    }

    @Test
    void noMatchingCardIsOneWarningAndTheSetIsNotReady() {
        TestFleet fleet = TestFleet.ofHosts(2).dpuSet(SPEC.replace("BlueField-3", "BlueField-2"));

        RunFunctionResponse first = function.run(fleet.request());
        RunFunctionResponse again = function.run(fleet.dpuSetStatus(statusOf(first)).request());

        assertThat(first.getDesired().getResourcesMap()).isEmpty();
        assertThat(first.getDesired().getComposite().getReady()).isEqualTo(Ready.READY_FALSE);
        assertThat(first.getResultsList()).singleElement().satisfies(warning -> assertThat(warning.getMessage())
                .isEqualTo("no DPUDevice in namespace dpu-fleet matches the DPU selector (looked at 2 DPUDevices, "
                        + "on 2 DPUNodes labelled dpuplane.io/pool=edge)"));
        assertThat(again.getResultsList()).isEmpty();
    }

    @Test
    void anExistingDpuKeepsItsNameHostAndDevice() {
        Struct renamed = TestFleet.dpu("worker-1", CURRENT, TestFleet.Readiness.READY, 1).toBuilder()
                .putFields("metadata", Structs.struct(Struct.newBuilder()
                        .putFields("name", Structs.text("edge-x7k2p")).putFields("namespace",
                                Structs.text(TestFleet.NAMESPACE)).putFields("generation", Structs.number(1)).build()))
                .build();
        RunFunctionResponse response = function.run(TestFleet.ofHosts(1).dpuSet(SPEC)
                .observed("dpu-worker-1-03-00-0", renamed).request());

        assertThat(desired(response, "dpu-worker-1-03-00-0").name()).isEqualTo("edge-x7k2p");
    }

    @Test
    void desiredResourcesOfEarlierStepsPassThrough() {
        RunFunctionRequest request = TestFleet.ofHosts(1).dpuSet(SPEC).request();
        request = request.toBuilder().setDesired(request.getDesired().toBuilder().putResources("dpu-cluster",
                Resource.newBuilder().setResource(Struct.newBuilder().putFields("kind", Structs.text("DPUCluster")))
                        .build())).build();

        assertThat(function.run(request).getDesired().getResourcesMap()).containsOnlyKeys("dpu-cluster",
                "dpu-worker-1-03-00-0");
    }

    @Test
    void aCrossplaneThatCannotSupplyRequiredResourcesGetsAFatalResultSayingWhichVersionToUse() {
        RunFunctionRequest request = TestFleet.ofHosts(1).dpuSet(SPEC).request().toBuilder()
                .setMeta(RequestMeta.newBuilder().setTag("t").addCapabilities(Capability.CAPABILITY_CAPABILITIES))
                .build();

        assertThat(function.run(request).getResultsList()).singleElement().satisfies(fatal -> {
            assertThat(fatal.getSeverity()).isEqualTo(Severity.SEVERITY_FATAL);
            assertThat(fatal.getMessage()).contains("required resources").contains("Crossplane v2.0 or later");
        });
    }

    @Test
    void aSpecWithoutItsBfbIsFatalNamingTheField() {
        RunFunctionResponse response = function.run(TestFleet.ofHosts(1)
                .dpuSet("{flavorRef: {name: standard}, dpuClusterRef: {name: edge}}").request());

        assertThat(response.getResultsList()).singleElement().satisfies(fatal -> {
            assertThat(fatal.getSeverity()).isEqualTo(Severity.SEVERITY_FATAL);
            assertThat(fatal.getMessage()).isEqualTo("DPUSet edge: spec.bfbRef.name is required");
        });
        assertThat(response.getDesired().getResourcesMap()).isEmpty();
    }

    @Test
    void aMaxUnavailableThatIsNeitherANumberNorAPercentageIsFatal() {
        RunFunctionResponse response = function.run(TestFleet.ofHosts(1)
                .dpuSet(SPEC.replace("maxUnavailable: 2", "maxUnavailable: two")).request());

        assertThat(response.getResultsList()).singleElement().satisfies(fatal -> assertThat(fatal.getMessage())
                .contains("spec.rollingUpdate.maxUnavailable must be a number or a percentage").contains("two"));
    }
}
