package io.dpuplane.apis.svc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.sfc.v1alpha1.InterfaceType;
import io.dpuplane.apis.svc.v1alpha1.ChainPort;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceChain;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceIPAM;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceInterface;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceInterfaceParameters;
import io.dpuplane.apis.svc.v1alpha1.NodeFailure;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class NetworkingSerializationTest {

    @Test
    void interfaceRoundTripsItsTypeDetailsAndRolledUpNodes() {
        DPUServiceInterface vf = Serialization.unmarshal("""
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceInterface
                metadata: {name: host-vf3, namespace: fleet, labels: {role: host}}
                spec:
                  forProvider:
                    interfaceType: vf
                    vf: {pfID: 0, vfID: 3, parentInterface: host-pf0}
                    clusters: {names: [edge-a]}
                    nodeSelector: {role: hbn}
                status:
                  atProvider:
                    nodes: 3
                    nodesProgrammed: 2
                    nodesFailed: [{cluster: edge-a, node: dpu-node-2, message: "ovs-vsctl: no port pf0vf3"}]
                """, DPUServiceInterface.class);
        DPUServiceInterface again = Serialization.unmarshal(Serialization.asYaml(vf), DPUServiceInterface.class);
        DPUServiceInterfaceParameters p = again.getSpec().getForProvider();
        assertThat(p.getInterfaceType()).isEqualTo(InterfaceType.VF);
        assertThat(p.getVf().vfID()).isEqualTo(3);
        assertThat(p.getVf().parentInterface()).isEqualTo("host-pf0");
        assertThat(p.getClusters().names()).containsExactly("edge-a");
        assertThat(again.getStatus().getAtProvider().getNodesFailed()).extracting(NodeFailure::node)
                .containsExactly("dpu-node-2");
    }

    @Test
    void unsetInterfaceDetailsAreLeftOutSoTheTypeRuleSeesOnlyOne() {
        DPUServiceInterface ovn = Serialization.unmarshal("""
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceInterface
                metadata: {name: ovn, namespace: fleet}
                spec: {forProvider: {interfaceType: ovn, clusters: {names: [edge-a]}}}
                """, DPUServiceInterface.class);
        assertThat(Serialization.asYaml(ovn)).contains("interfaceType: \"ovn\"")
                .doesNotContain("vf:").doesNotContain("pf:").doesNotContain("physical:").doesNotContain("service:");
    }

    @Test
    void chainKeepsSwitchAndPortOrderAndEachKindOfPort() {
        DPUServiceChain chain = Serialization.unmarshal("""
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceChain
                metadata: {name: pod-to-firewall, namespace: fleet}
                spec:
                  forProvider:
                    clusters: {names: [edge-a]}
                    switches:
                    - ports:
                      - interfaceRef: {name: p0}
                      - service: {serviceID: firewall, interfaceName: net1}
                    - ports:
                      - service: {serviceID: firewall, interfaceName: net2}
                      - interfaceSelector: {matchLabels: {role: host}}
                        ipamRef: {name: pod-net}
                """, DPUServiceChain.class);
        DPUServiceChain again = Serialization.unmarshal(Serialization.asYaml(chain), DPUServiceChain.class);
        var switches = again.getSpec().getForProvider().switches();
        assertThat(switches).hasSize(2);
        ChainPort first = switches.get(0).ports().get(0);
        assertThat(first.interfaceRef().name()).isEqualTo("p0");
        assertThat(first.service()).isNull();
        assertThat(switches.get(0).ports().get(1).service().interfaceName()).isEqualTo("net1");
        ChainPort last = switches.get(1).ports().get(1);
        assertThat(last.interfaceSelector().getMatchLabels()).containsEntry("role", "host");
        assertThat(last.ipamRef().name()).isEqualTo("pod-net");
    }

    @Test
    void ipamRoundTripsPoolBlocksAndUsage() {
        DPUServiceIPAM ipam = Serialization.unmarshal("""
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceIPAM
                metadata: {name: pod-net, namespace: fleet}
                spec:
                  forProvider:
                    cidr: 10.100.0.0/16
                    perNodeBlockSize: 24
                    gatewayIndex: 1
                    exclusions: [10.100.0.0/24, 10.100.255.254]
                    clusters: {names: [edge-a, edge-b]}
                status:
                  atProvider: {nodesAllocated: 12, blocksInUse: 12, blocksFree: 243}
                """, DPUServiceIPAM.class);
        DPUServiceIPAM again = Serialization.unmarshal(Serialization.asYaml(ipam), DPUServiceIPAM.class);
        assertThat(again.getSpec().getForProvider()).isEqualTo(ipam.getSpec().getForProvider());
        assertThat(again.getSpec().getForProvider().exclusions()).containsExactly("10.100.0.0/24", "10.100.255.254");
        assertThat(again.getStatus().getAtProvider().blocksFree()).isEqualTo(243);
    }
}
