package io.dpuplane.apis.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.provisioning.v1alpha1.DPUCluster;
import io.dpuplane.apis.provisioning.v1alpha1.DPUClusterType;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class DPUClusterSerializationTest {

    @Test
    void staticClusterRoundTripsItsKubeconfigSecretAndObservation() {
        DPUCluster cluster = Serialization.unmarshal("""
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUCluster
                metadata: {name: dpu-cluster, namespace: fleet}
                spec:
                  writeConnectionSecretToRef: {name: dpu-cluster-conn}
                  forProvider:
                    type: static
                    kubeconfigSecretRef: {name: dpu-cluster-admin, key: admin.conf}
                    maxNodes: 3000
                status:
                  atProvider: {endpoint: "https://10.0.0.5:6443", kubernetesVersion: v1.35.4, nodeCount: 12, reachable: true}
                """, DPUCluster.class);
        DPUCluster again = Serialization.unmarshal(Serialization.asYaml(cluster), DPUCluster.class);
        assertThat(again.getSpec().getForProvider().type()).isEqualTo(DPUClusterType.STATIC);
        assertThat(again.getSpec().getForProvider().kubeconfigSecretRef().key()).isEqualTo("admin.conf");
        assertThat(again.getSpec().getForProvider().maxNodes()).isEqualTo(3000);
        assertThat(again.getSpec().getWriteConnectionSecretToRef().getName()).isEqualTo("dpu-cluster-conn");
        assertThat(again.getStatus().getAtProvider().getNodeCount()).isEqualTo(12);
        assertThat(again.getStatus().getAtProvider().getReachable()).isTrue();
        assertThat(Serialization.asYaml(again)).contains("type: \"static\"");
    }
}
