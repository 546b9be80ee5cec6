package io.dpuplane.apis.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.apis.provisioning.v1alpha1.DPUObservation;
import io.dpuplane.apis.provisioning.v1alpha1.DPUPhase;
import io.dpuplane.apis.provisioning.v1alpha1.DPUParameters;
import io.dpuplane.apis.provisioning.v1alpha1.InstallProgress;
import io.dpuplane.apis.provisioning.v1alpha1.TaintEffect;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class DPUSerializationTest {

    @Test
    void dpuMidInstallRoundTripsSpecPhaseAndProgress() {
        DPU dpu = Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPU
                metadata: {name: host1-0000-03-00, namespace: fleet}
                spec:
                  providerConfigRef: {kind: ProviderConfig, name: lab}
                  forProvider:
                    hostNode: host1
                    deviceRef: {name: host1-0000-03-00}
                    bfbRef: {name: doca-2.9.1}
                    flavorRef: {name: hbn-ovn}
                    dpuClusterRef: {name: dpu-cluster}
                    nodeEffect: {taint: {key: dpuplane.io/provisioning, effect: NoExecute}}
                    clusterNodeLabels: {role: hbn}
                status:
                  atProvider:
                    phase: OSInstalling
                    install:
                      operationId: op-7f3a
                      stage: Pushing
                      bytesPushed: 734003200
                      totalBytes: 1468006400
                      percent: 50%
                      lastConsoleLines: ["INFO: Installing OS image", "INFO: Writing partition 2"]
                    installed: {bfb: doca-2.9.0, bfbSha256: 9c0d, flavor: hbn-ovn, flavorSha256: 3a7b}
                    attempts: 1
                """, DPU.class);
        DPU again = Serialization.unmarshal(Serialization.asYaml(dpu), DPU.class);
        DPUParameters p = again.getSpec().getForProvider();
        assertThat(p.hostNode()).isEqualTo("host1");
        assertThat(p.pciAddress()).isNull();
        assertThat(p.deviceRef().name()).isEqualTo("host1-0000-03-00");
        assertThat(p.nodeEffect().taint().effect()).isEqualTo(TaintEffect.NO_EXECUTE);
        assertThat(p.nodeEffect().drain()).isNull();
        assertThat(p.clusterNodeLabels()).containsEntry("role", "hbn");
        DPUObservation seen = again.getStatus().getAtProvider();
        assertThat(seen.getPhase()).isEqualTo(DPUPhase.OS_INSTALLING);
        assertThat(seen.getInstall().getOperationId()).isEqualTo("op-7f3a");
        assertThat(seen.getInstall().getLastConsoleLines()).hasSize(2);
        assertThat(seen.getInstalled().bfb()).isEqualTo("doca-2.9.0");
        assertThat(again.getSpec().getProviderConfigRef().getName()).isEqualTo("lab");
    }

    @Test
    void reconcilerFillsTheStatusOfANewDpuInPlaceAndWritesPhasesWithTheirWireNames() {
        DPU dpu = new DPU();
        DPUObservation seen = new DPUObservation();
        seen.setPhase(DPUPhase.HOST_NETWORK_CONFIGURATION);
        seen.setInstall(new InstallProgress());
        seen.getInstall().getLastConsoleLines().add("Linux version 5.15.0-1035-bluefield");
        dpu.requireStatus().setAtProvider(seen);
        assertThat(dpu.requireStatus().getConditions()).isEmpty();
        String yaml = Serialization.asYaml(dpu);
        assertThat(yaml).contains("phase: \"HostNetworkConfiguration\"").doesNotContain("bfbVersion");
        assertThat(Serialization.unmarshal(yaml, DPU.class).getStatus().getAtProvider().getInstall()
                .getLastConsoleLines()).containsExactly("Linux version 5.15.0-1035-bluefield");
    }

    @Test
    void everyPhaseReadsBackAsItself() {
        for (DPUPhase phase : DPUPhase.values()) {
            String wire = Serialization.asJson(phase);
            assertThat(Serialization.unmarshal(wire, DPUPhase.class)).isEqualTo(phase);
            assertThat(wire).doesNotContain("_").doesNotContain(" ");
        }
        assertThat(List.of(DPUPhase.values())).first().isEqualTo(DPUPhase.INITIALIZING);
    }
}
