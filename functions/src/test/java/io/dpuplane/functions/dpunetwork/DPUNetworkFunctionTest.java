package io.dpuplane.functions.dpunetwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.dpuplane.functions.FunctionDispatcher;
import io.dpuplane.functions.proto.v1.Ready;
import io.dpuplane.functions.proto.v1.RequestMeta;
import io.dpuplane.functions.proto.v1.Resource;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.proto.v1.Severity;
import io.dpuplane.functions.proto.v1.State;
import io.dpuplane.functions.sdk.Structs;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DPUNetwork function from request to response, as Crossplane would call it. */
class DPUNetworkFunctionTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SPEC = """
            dpuClusterRef: {name: edge}
            host: {pfID: 0, vfIDs: [0, 1], resourceName: nvidia.com/bf3_vf}
            networkFunctions:
            - {serviceID: edge-firewall, podSide: net1, uplinkSide: net2}
            - {serviceID: edge-ids, podSide: eth1, uplinkSide: eth2}
            uplink: {interfaceName: p1}
            ipam: {cidr: 10.60.0.0/16, perNodeBlockSize: 24, gatewayIndex: 1}
            """;

    private final FunctionDispatcher function = new FunctionDispatcher(List.of(new DPUNetworkFunction()));

    private static RunFunctionRequest request(String spec, Map<String, Struct> observed) throws Exception {
        ObjectNode xr = YAML.createObjectNode();
        xr.put("apiVersion", "platform.dpuplane.io/v1alpha1").put("kind", "DPUNetwork");
        xr.putObject("metadata").put("name", "payments").put("namespace", "team-a");
        xr.set("spec", YAML.readTree(spec));
        State.Builder state = State.newBuilder().setComposite(Resource.newBuilder().setResource(Structs.toStruct(xr)));
        observed.forEach((key, object) -> state.putResources(key, Resource.newBuilder().setResource(object).build()));
        return RunFunctionRequest.newBuilder().setMeta(RequestMeta.newBuilder().setTag("t")).setObserved(state)
                .setInput(Structs.toStruct((ObjectNode) YAML.readTree(
                        "{apiVersion: fn.dpuplane.io/v1alpha1, kind: DPUNetwork}")))
                .build();
    }

    private static Unstructured desired(RunFunctionResponse response, String key) {
        return new Unstructured(response.getDesired().getResourcesOrThrow(key).getResource());
    }

    private static List<String> ports(Unstructured chain, int switchIndex) {
        Unstructured sw = new Unstructured(chain.list("spec", "forProvider", "switches").get(switchIndex)
                .getStructValue());
        return sw.list("ports").stream().map(p -> {
            Unstructured port = new Unstructured(p.getStructValue());
            return port.string("interfaceRef", "name").or(() -> port.string("service", "serviceID")
                    .map(id -> id + "/" + port.string("service", "interfaceName").orElseThrow()))
                    .orElseGet(() -> "selector " + port.stringMap("interfaceSelector", "matchLabels"));
        }).toList();
    }

    private static Struct ready(Struct desired) {
        Struct condition = Struct.newBuilder().putFields("type", Structs.text("Ready"))
                .putFields("status", Structs.text("True")).build();
        return desired.toBuilder().putFields("status", Structs.struct(Struct.newBuilder().putFields("conditions",
                Value.newBuilder().setListValue(ListValue.newBuilder().addValues(Structs.struct(condition))).build())
                .build())).build();
    }

    @Test
    void thePodsVfsAreChainedThroughEachFunctionInOrderToTheUplink() throws Exception {
        RunFunctionResponse response = function.run(request(SPEC, Map.of()));

        Unstructured chain = desired(response, "chain");
        assertThat(ports(chain, 0)).containsExactly(
                "selector {platform.dpuplane.io/dpunetwork=payments, platform.dpuplane.io/side=host}",
                "edge-firewall/net1");
        assertThat(ports(chain, 1)).containsExactly("edge-firewall/net2", "edge-ids/eth1");
        assertThat(ports(chain, 2)).containsExactly("edge-ids/eth2", "payments-uplink");
        assertThat(desired(response, "interface-vf0-1").stringMap("metadata", "labels")).containsEntry(
                "platform.dpuplane.io/side", "host");
        assertThat(desired(response, "interface-vf0-1").number("spec", "forProvider", "vf", "vfID")).hasValue(1L);
        assertThat(desired(response, "interface-uplink").string("spec", "forProvider", "physical", "interfaceName"))
                .hasValue("p1");
        assertThat(desired(response, "ipam").string("spec", "forProvider", "cidr")).hasValue("10.60.0.0/16");
        Unstructured attachment = desired(response, "network-attachment");
        assertThat(attachment.namespace()).isEqualTo("team-a");
        assertThat(YAML.readTree(attachment.string("spec", "config").orElseThrow()).at("/ipam/poolName").asText())
                .isEqualTo("payments");
    }

    @Test
    void anExistingUplinkIsUsedByNameAndNotCreatedAgain() throws Exception {
        RunFunctionResponse response = function.run(request(SPEC.replace("uplink: {interfaceName: p1}",
                "uplink: {interfaceRef: {name: edge-p0}}"), Map.of()));

        assertThat(response.getDesired().getResourcesMap()).doesNotContainKey("interface-uplink");
        assertThat(ports(desired(response, "chain"), 2)).containsExactly("edge-ids/eth2", "edge-p0");
    }

    @Test
    void aNetworkWithoutHostVfsIsRefusedWithWhatIsMissing() throws Exception {
        RunFunctionResponse response = function.run(request(SPEC.replace("vfIDs: [0, 1], ", ""), Map.of()));

        assertThat(response.getResultsList()).singleElement().satisfies(result -> {
            assertThat(result.getSeverity()).isEqualTo(Severity.SEVERITY_FATAL);
            assertThat(result.getMessage()).isEqualTo("DPUNetwork payments: spec.host needs pfID, vfIDs and "
                    + "resourceName");
        });
    }

    @Test
    void theNetworkIsReadyOnceEveryPartIsReadyAndTheAttachmentExists() throws Exception {
        RunFunctionResponse first = function.run(request(SPEC, Map.of()));
        assertThat(first.getDesired().getComposite().getReady()).isEqualTo(Ready.READY_FALSE);

        Map<String, Struct> observed = new java.util.HashMap<>();
        first.getDesired().getResourcesMap().forEach((key, part) -> observed.put(key, ready(part.getResource())));
        RunFunctionResponse settled = function.run(request(SPEC, observed));

        assertThat(settled.getDesired().getComposite().getReady()).isEqualTo(Ready.READY_TRUE);
        assertThat(settled.getConditionsList()).singleElement().satisfies(c -> assertThat(c.getMessage())
                .isEqualTo("pods attaching team-a/payments: VFs of PF 0 -> edge-firewall -> edge-ids -> p1"));
    }
}
