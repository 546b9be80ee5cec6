package io.dpuplane.apis.sfc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.sfc.v1alpha1.IPAllocation;
import io.dpuplane.apis.sfc.v1alpha1.IPPool;
import io.dpuplane.apis.sfc.v1alpha1.InterfaceType;
import io.dpuplane.apis.sfc.v1alpha1.PhysicalInterface;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterface;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterfaceSpec;
import io.dpuplane.apis.sfc.v1alpha1.ServiceInterfaceStatus;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class SfcSerializationTest {

    @Test
    void interfaceTheProviderWritesAndTheAgentProgramsRoundTrips() {
        ServiceInterface uplink = new ServiceInterface();
        uplink.setMetadata(new ObjectMetaBuilder().withName("p0-dpu-node-1").withNamespace("fleet")
                .addToLabels(Sfc.NODE_LABEL, "dpu-node-1").addToLabels(Sfc.OWNER_NAME_LABEL, "p0").build());
        ServiceInterfaceSpec spec = new ServiceInterfaceSpec();
        spec.setNode("dpu-node-1");
        spec.setInterfaceType(InterfaceType.PHYSICAL);
        spec.setPhysical(new PhysicalInterface("p0"));
        uplink.setSpec(spec);
        ServiceInterfaceStatus status = new ServiceInterfaceStatus();
        status.setOvsPort("p0");
        status.setOfport(1);
        status.setObservedGeneration(1L);
        status.getConditions().add(new Condition(Sfc.PROGRAMMED_CONDITION, "True", "Programmed", null,
                "2026-11-28T05:00:00Z", 1L));
        uplink.setStatus(status);
        String yaml = Serialization.asYaml(uplink);
        assertThat(yaml).contains("interfaceType: \"physical\"").doesNotContain("vf:");
        ServiceInterface again = Serialization.unmarshal(yaml, ServiceInterface.class);
        assertThat(again.getSpec().getNode()).isEqualTo("dpu-node-1");
        assertThat(again.getSpec().getPhysical().interfaceName()).isEqualTo("p0");
        assertThat(again.getStatus().getOfport()).isEqualTo(1);
        assertThat(again.getStatus().getConditions()).extracting(Condition::getType).containsExactly("Programmed");
        assertThat(again.getMetadata().getLabels()).containsEntry("sfc.dpuplane.io/node", "dpu-node-1");
    }

    @Test
    void chainRoundTripsResolvedPortsAndItsCookie() {
        ServiceChain chain = Serialization.unmarshal("""
                apiVersion: sfc.dpuplane.io/v1alpha1
                kind: ServiceChain
                metadata: {name: pod-to-firewall-dpu-node-1, namespace: fleet}
                spec:
                  node: dpu-node-1
                  switches:
                  - ports: [{serviceInterface: p0-dpu-node-1}, {service: {serviceID: firewall, interfaceName: net1}}]
                  - ports:
                    - service: {serviceID: firewall, interfaceName: net2}
                    - {serviceInterface: vf3-dpu-node-1, ipPool: pod-net-dpu-node-1}
                status: {cookie: "0x9c1f2a6b3d4e5f60", flowsInstalled: 4, observedGeneration: 2}
                """, ServiceChain.class);
        ServiceChain again = Serialization.unmarshal(Serialization.asYaml(chain), ServiceChain.class);
        assertThat(again.getSpec()).isEqualTo(chain.getSpec());
        assertThat(again.getSpec().switches().get(1).ports().get(1).ipPool()).isEqualTo("pod-net-dpu-node-1");
        assertThat(again.getStatus().getCookie()).isEqualTo("0x9c1f2a6b3d4e5f60");
        assertThat(again.getStatus().getFlowsInstalled()).isEqualTo(4);
    }

    @Test
    void poolRoundTripsTheNodesBlockAndItsAllocations() {
        IPPool pool = Serialization.unmarshal("""
                apiVersion: sfc.dpuplane.io/v1alpha1
                kind: IPPool
                metadata: {name: pod-net-dpu-node-1, namespace: fleet}
                spec:
                  node: dpu-node-1
                  cidr: 10.100.0.0/16
                  blockSize: 24
                  gatewayIndex: 1
                  exclusions: [10.100.0.0/24]
                status:
                  block: 10.100.7.0/24
                  exhausted: false
                  allocations: [{owner: fleet/vf3-dpu-node-1, ip: 10.100.7.2}]
                """, IPPool.class);
        IPPool again = Serialization.unmarshal(Serialization.asYaml(pool), IPPool.class);
        assertThat(again.getSpec()).isEqualTo(pool.getSpec());
        assertThat(again.getStatus().getBlock()).isEqualTo("10.100.7.0/24");
        assertThat(again.getStatus().getExhausted()).isFalse();
        assertThat(again.getStatus().getAllocations()).containsExactly(new IPAllocation("fleet/vf3-dpu-node-1",
                "10.100.7.2"));
    }
}
