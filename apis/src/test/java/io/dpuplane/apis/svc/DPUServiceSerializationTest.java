package io.dpuplane.apis.svc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.svc.v1alpha1.ClusterRelease;
import io.dpuplane.apis.svc.v1alpha1.DPUService;
import io.dpuplane.apis.svc.v1alpha1.DPUServiceParameters;
import io.dpuplane.apis.svc.v1alpha1.DeliveryBackend;
import io.dpuplane.apis.svc.v1alpha1.ValuesSourceKind;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DPUServiceSerializationTest {

    @Test
    void serviceRoundTripsChartFreeFormValuesTargetsAndPerClusterStatus() {
        DPUService service = Serialization.unmarshal("""
                apiVersion: svc.dpuplane.io/v1alpha1
                kind: DPUService
                metadata: {name: doca-hbn, namespace: fleet}
                spec:
                  forProvider:
                    source: {oci: "oci://ghcr.io/example/charts"}
                    chart: doca-hbn
                    version: 1.0.1
                    values:
                      replicas: 1
                      image: {repository: nvcr.io/nvidia/doca/doca_hbn, tag: 2.4.1-doca2.9.1}
                      interfaces: [p0_if, p1_if]
                    valuesFrom: [{kind: Secret, name: hbn-credentials, key: values.yaml}]
                    clusters: {selector: {matchLabels: {tier: edge}}}
                    nodeSelector: {role: hbn}
                    namespace: doca
                    backend: ArgoCD
                status:
                  atProvider:
                    readyClusters: 1/2
                    clusters:
                    - cluster: edge-a
                      chartVersion: 1.0.1
                      syncStatus: Synced
                      healthStatus: Healthy
                      workloadsReady: 4
                      workloadsDesired: 4
                    - cluster: edge-b
                      syncStatus: OutOfSync
                      healthStatus: Progressing
                      workloadsReady: 1
                      workloadsDesired: 4
                      lastError: "ImagePullBackOff on dpu-node-7"
                """, DPUService.class);
        DPUService again = Serialization.unmarshal(Serialization.asYaml(service), DPUService.class);
        DPUServiceParameters p = again.getSpec().getForProvider();
        assertThat(p.source().oci()).isEqualTo("oci://ghcr.io/example/charts");
        assertThat(p.values()).containsEntry("replicas", 1)
                .containsEntry("interfaces", List.of("p0_if", "p1_if"))
                .containsEntry("image", Map.of("repository", "nvcr.io/nvidia/doca/doca_hbn", "tag", "2.4.1-doca2.9.1"));
        assertThat(p.valuesFrom()).singleElement()
                .satisfies(v -> assertThat(v.kind()).isEqualTo(ValuesSourceKind.SECRET));
        assertThat(p.clusters().selector().getMatchLabels()).containsEntry("tier", "edge");
        assertThat(p.clusters().names()).isNull();
        assertThat(p.backend()).isEqualTo(DeliveryBackend.ARGO_CD);
        assertThat(again.getStatus().getAtProvider().getClusters()).extracting(ClusterRelease::lastError)
                .containsExactly(null, "ImagePullBackOff on dpu-node-7");
        assertThat(Serialization.asYaml(again)).contains("backend: \"ArgoCD\"").contains("kind: \"Secret\"");
    }
}
