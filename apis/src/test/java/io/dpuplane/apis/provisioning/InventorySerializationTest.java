package io.dpuplane.apis.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.provisioning.v1alpha1.DPUDevice;
import io.dpuplane.apis.provisioning.v1alpha1.DPUDeviceSpec;
import io.dpuplane.apis.provisioning.v1alpha1.DPUDeviceStatus;
import io.dpuplane.apis.provisioning.v1alpha1.DPUModel;
import io.dpuplane.apis.provisioning.v1alpha1.DPUNode;
import io.dpuplane.apis.provisioning.v1alpha1.DeviceHealth;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class InventorySerializationTest {

    @Test
    void deviceTheAgentPublishesIsWrittenWithModelAndHealthWireNames() {
        DPUDevice device = new DPUDevice();
        device.setMetadata(new ObjectMetaBuilder().withName("host1-0000-03-00").withNamespace("fleet").build());
        device.setSpec(new DPUDeviceSpec("host1", "0000:03:00.0", "MT2334XZ0B2K", "MT_0000000884",
                "900-9D3B6-00CV-AA0", DPUModel.BLUEFIELD_3, "a2dc"));
        device.setStatus(new DPUDeviceStatus("32.43.1014", "bf-bundle-2.9.1-30_24.11_ubuntu-22.04_prod", "rshim0",
                DeviceHealth.HEALTHY, null, "2026-11-28T05:00:00Z"));
        String yaml = Serialization.asYaml(device);
        assertThat(yaml).contains("model: \"BlueField-3\"").contains("health: \"Healthy\"")
                .doesNotContain("healthMessage");
        DPUDevice again = Serialization.unmarshal(yaml, DPUDevice.class);
        assertThat(again.getSpec()).isEqualTo(device.getSpec());
        assertThat(again.getStatus()).isEqualTo(device.getStatus());
    }

    @Test
    void nodeRoundTripsAgentEndpointAndHeartbeat() {
        DPUNode node = Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUNode
                metadata: {name: host1, namespace: fleet}
                spec: {hostname: host1, agentEndpoint: "10.0.0.11:8443", agentVersion: 0.1.0}
                status: {lastHeartbeatTime: "2026-11-28T05:00:00Z", devices: 2}
                """, DPUNode.class);
        DPUNode again = Serialization.unmarshal(Serialization.asYaml(node), DPUNode.class);
        assertThat(again.getSpec().agentEndpoint()).isEqualTo("10.0.0.11:8443");
        assertThat(again.getStatus().devices()).isEqualTo(2);
        assertThat(again.getStatus().lastHeartbeatTime()).isEqualTo("2026-11-28T05:00:00Z");
    }
}
