package io.dpuplane.provider.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static io.dpuplane.provider.chain.DpuClusterBed.WAIT;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.sfc.v1alpha1.IPPool;
import io.dpuplane.apis.sfc.v1alpha1.ResolvedPort;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChain;
import io.dpuplane.apis.sfc.v1alpha1.ServiceChainStatus;
import io.dpuplane.apis.sfc.v1alpha1.ServicePort;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceChain;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceIPAM;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceInterface;
import io.dpuplane.provider.RealApiServerResource;
import io.dpuplane.runtime.Conditions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DPUServiceChain: one ServiceChain per node, its ports resolved to that node's objects; bad references reported. */
@QuarkusTest
@QuarkusTestResource(RealApiServerResource.class)
class DpuServiceChainControllerTest {

    private DpuClusterBed bed;

    @BeforeEach
    void dpuClusterWithTwoNodes() {
        bed = new DpuClusterBed();
    }

    @Test
    void aChainIsResolvedToEachNodesInterfacesAndPools() {
        bed.create(DPUServiceInterface.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceInterface
                metadata: {name: pod-a, namespace: %s}
                spec:
                  forProvider:
                    interfaceType: service
                    service: {serviceID: app-a, network: sfc, interfaceName: net1}
                    %s
                """.formatted(bed.ns, bed.targetLines("    ")));
        for (String name : List.of("p0", "p1")) {
            bed.create(DPUServiceInterface.class, """
                    apiVersion: svc.dpuplane.io/v1alpha1
                    kind: DPUServiceInterface
                    metadata: {name: uplink-%s, namespace: %s, labels: {tier: edge}}
                    spec:
                      forProvider: {interfaceType: physical, physical: {interfaceName: %s}, %s}
                    """.formatted(name, bed.ns, name, bed.targets()));
        }
        bed.create(DPUServiceIPAM.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceIPAM
                metadata: {name: left, namespace: %s}
                spec:
                  forProvider: {cidr: 198.18.0.0/20, perNodeBlockSize: 24, gatewayIndex: 1, %s}
                """.formatted(bed.ns, bed.targets()));
        bed.create(DPUServiceChain.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceChain
                metadata: {name: a-to-edge, namespace: %s}
                spec:
                  forProvider:
                    %s
                    switches:
                    - ports:
                      - {interfaceRef: {name: pod-a}, ipamRef: {name: left}}
                      - {service: {serviceID: firewall, interfaceName: in}}
                    - ports:
                      - {service: {serviceID: firewall, interfaceName: out}}
                      - {interfaceSelector: {matchLabels: {tier: edge}}}
                """.formatted(bed.ns, bed.targetLines("    ")));
        await("one ServiceChain per node").atMost(WAIT)
                .until(() -> bed.mirrored(ServiceChain.class, "a-to-edge").size() == 2);
        ServiceChain onB = bed.onNode(ServiceChain.class, "a-to-edge", "b");
        String b = bed.nodeName("b");
        assertThat(onB.getSpec().node()).isEqualTo(b);
        assertThat(onB.getSpec().switches().get(0).ports()).containsExactly(
                new ResolvedPort("pod-a-" + b, null, "left-" + b),
                new ResolvedPort(null, new ServicePort("firewall", "in"), null));
        assertThat(onB.getSpec().switches().get(1).ports()).containsExactly(
                new ResolvedPort(null, new ServicePort("firewall", "out"), null),
                new ResolvedPort("uplink-p0-" + b, null, null), new ResolvedPort("uplink-p1-" + b, null, null));
        await("the pool mirrored to node b").atMost(WAIT)
                .until(() -> bed.onNode(IPPool.class, "left", "b") != null);
        assertThat(bed.onNode(IPPool.class, "left", "b").getSpec().blockSize()).isEqualTo(24);

        for (ServiceChain chain : bed.mirrored(ServiceChain.class, "a-to-edge")) {
            bed.agentReports(ServiceChain.class, chain.getMetadata().getName(), new ServiceChainStatus(), null);
        }
        bed.awaitReady(DPUServiceChain.class, "a-to-edge");
        assertThat(bed.get(DPUServiceChain.class, "a-to-edge").getStatus().getAtProvider().getNodesProgrammed())
                .isEqualTo(2);
    }

    @Test
    void aChainNamingAMissingInterfaceIsReportedAndNothingIsMirrored() {
        bed.create(DPUServiceChain.class, """
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUServiceChain
                metadata: {name: broken, namespace: %s}
                spec:
                  forProvider:
                    clusters: {names: [%s]}
                    switches:
                    - ports:
                      - {interfaceRef: {name: nope}}
                      - {service: {serviceID: firewall, interfaceName: in}}
                """.formatted(bed.ns, bed.cluster));
        assertThat(bed.awaitSyncError(DPUServiceChain.class, "broken"))
                .endsWith("switch 1 port 1: DPUServiceInterface nope does not exist in namespace " + bed.ns);
        assertThat(bed.condition(DPUServiceChain.class, "broken", Conditions.READY)).hasValueSatisfying(c ->
                assertThat(c.getMessage()).isEqualTo("switch 1 port 1: DPUServiceInterface nope does not exist in "
                        + "namespace " + bed.ns));
        assertThat(bed.mirrored(ServiceChain.class, "broken")).isEmpty();
    }

}
