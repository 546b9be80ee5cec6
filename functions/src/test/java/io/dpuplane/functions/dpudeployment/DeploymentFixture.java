package io.dpuplane.functions.dpudeployment;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import io.dpuplane.functions.dpuset.Revision;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.dpuplane.functions.sdk.Structs;
import io.dpuplane.functions.sdk.Unstructured;
import java.util.Map;

/** A DPUDeployment over a test fleet, and the provider's side of its composed objects. */
final class DeploymentFixture {

    static final String VERSION_LABEL = "version.dpudeployment.dpuplane.io/edge-firewall";
    static final String MEMBER_LABEL = "dpudeployment.dpuplane.io/edge";

    private DeploymentFixture() {
    }

    /** The edge deployment: four DPUs at most two down at once, a firewall at a chart version, and a chain. */
    static String spec(String firewallVersion) {
        return """
                dpus:
                  nodeSelector: {matchLabels: {dpuplane.io/pool: edge}}
                  bfbRef: {name: bf-bundle-2.9.1}
                  flavorRef: {name: standard}
                  dpuClusterRef: {name: edge}
                  rollingUpdate: {maxUnavailable: 2}
                services:
                  firewall:
                    source: {oci: oci://ghcr.io/example/charts}
                    chart: firewall
                    version: %s
                    values: {rules: {allow: [tcp/22]}}
                    interfaces: [{name: in, interfaceName: net1}, {name: out, interfaceName: net2}]
                interfaces:
                  p0: {interfaceType: physical, physical: {interfaceName: p0}}
                  pf0: {interfaceType: pf, pf: {pfID: 0}}
                chain:
                  switches:
                  - ports: [{interface: p0}, {service: {name: firewall, interface: in}, ipam: pool}]
                  - ports: [{service: {name: firewall, interface: out}}, {interface: pf0}]
                ipam:
                  pool: {cidr: 10.100.0.0/16, perNodeBlockSize: 24}
                """.formatted(firewallVersion);
    }

    /** The revision a DPU runs when its Node carries the firewall at {@code firewallRevision}. */
    static Revision revision(String firewallRevision) {
        return new Revision("bf-bundle-2.9.1", "standard", Map.of(VERSION_LABEL, firewallRevision));
    }

    /** The firewall revision the deployment's DPUs are rolled to, read from a response. */
    static String targetRevision(RunFunctionResponse response) {
        return desired(response, "dpu-worker-1-03-00-0").stringMap("spec", "forProvider", "clusterNodeLabels")
                .get(VERSION_LABEL);
    }

    static Unstructured desired(RunFunctionResponse response, String key) {
        return new Unstructured(response.getDesired().getResourcesOrThrow(key).getResource());
    }

    /** A composed object as the provider reports it once it is Ready. */
    static Struct ready(Struct desired) {
        Struct condition = Struct.newBuilder().putFields("type", Structs.text("Ready"))
                .putFields("status", Structs.text("True")).putFields("reason", Structs.text("Available")).build();
        Struct status = Struct.newBuilder().putFields("conditions", com.google.protobuf.Value.newBuilder()
                .setListValue(ListValue.newBuilder().addValues(Structs.struct(condition))).build()).build();
        return desired.toBuilder().putFields("status", Structs.struct(status)).build();
    }
}
