package io.dpuplane.apis.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.config.v1alpha1.ClusterProviderConfig;
import io.dpuplane.apis.config.v1alpha1.ClusterProviderConfigUsage;
import io.dpuplane.apis.config.v1alpha1.ProviderConfig;
import io.dpuplane.apis.config.v1alpha1.ProviderConfigUsage;
import io.dpuplane.apis.config.v1alpha1.ProviderSettings;
import io.dpuplane.apis.config.v1alpha1.TypedReference;
import io.dpuplane.apis.crossplane.ProviderConfigReference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class ProviderConfigSerializationTest {

    @Test
    void clusterProviderConfigRoundTripsAgentCacheLimitsAndUsers() {
        ClusterProviderConfig config = Serialization.unmarshal("""
                apiVersion: dpuplane.io/v1alpha1
                kind: ClusterProviderConfig
                metadata: {name: default}
                spec:
                  agent: {tlsSecretRef: {name: agent-client, namespace: crossplane-system}, port: 9443}
                  bfbCache: {directory: /cache/bfb, registryURL: "https://provider-dpuplane.crossplane-system.svc:8080/bfbs"}
                  maxParallelInstalls: 25
                status: {users: 3}
                """, ClusterProviderConfig.class);
        ClusterProviderConfig again = Serialization.unmarshal(Serialization.asYaml(config), ClusterProviderConfig.class);
        ProviderSettings spec = again.getSpec();
        assertThat(spec.getAgent().tlsSecretRef().namespace()).isEqualTo("crossplane-system");
        assertThat(spec.getAgent().port()).isEqualTo(9443);
        assertThat(spec.getBfbCache().directory()).isEqualTo("/cache/bfb");
        assertThat(spec.getMaxParallelInstalls()).isEqualTo(25);
        assertThat(again.getStatus().getUsers()).isEqualTo(3L);
        assertThat(again).isNotInstanceOf(Namespaced.class);
    }

    @Test
    void namespacedProviderConfigDefaultsToTenParallelInstallsAndLeavesUnsetFieldsOut() {
        ProviderConfig config = Serialization.unmarshal("""
                apiVersion: dpuplane.io/v1alpha1
                kind: ProviderConfig
                metadata: {name: lab, namespace: fleet}
                spec: {agent: {tlsSecretRef: {name: agent-client}}}
                """, ProviderConfig.class);
        assertThat(config).isInstanceOf(Namespaced.class);
        assertThat(config.getSpec().getMaxParallelInstalls()).isEqualTo(10);
        assertThat(Serialization.asYaml(config)).doesNotContain("namespace: null").doesNotContain("bfbCache");
    }

    @Test
    void usageCarriesBothReferencesAtTheTopLevelLikeCrossplanes() {
        ProviderConfigUsage usage = new ProviderConfigUsage();
        usage.setMetadata(new ObjectMetaBuilder().withName("6f1c0b1e-uid").withNamespace("fleet").build());
        usage.setProviderConfigRef(new ProviderConfigReference("ProviderConfig", "lab"));
        usage.setResourceRef(new TypedReference("provisioning.dpuplane.io/v1alpha1", "DPU", "host1-p0", null));
        String yaml = Serialization.asYaml(usage);
        assertThat(yaml).contains("kind: \"ProviderConfigUsage\"").contains("\nproviderConfigRef:")
                .contains("\nresourceRef:").doesNotContain("spec").doesNotContain("status").doesNotContain("uid:");
        ProviderConfigUsage again = Serialization.unmarshal(yaml, ProviderConfigUsage.class);
        assertThat(again.getResourceRef().name()).isEqualTo("host1-p0");
        assertThat(again.getProviderConfigRef().getKind()).isEqualTo("ProviderConfig");
    }

    @Test
    void clusterUsageReadsWhatCrossplaneWrites() {
        ClusterProviderConfigUsage usage = Serialization.unmarshal("""
                apiVersion: dpuplane.io/v1alpha1
                kind: ClusterProviderConfigUsage
                metadata: {name: 6f1c0b1e-uid}
                providerConfigRef: {kind: ClusterProviderConfig, name: default}
                resourceRef: {apiVersion: svc.dpuplane.io/v1alpha1, kind: DPUService, name: doca-hbn, uid: 6f1c0b1e-uid}
                """, ClusterProviderConfigUsage.class);
        assertThat(usage.getResourceRef().uid()).isEqualTo("6f1c0b1e-uid");
        assertThat(usage.getProviderConfigRef().getName()).isEqualTo("default");
        assertThat(usage).isNotInstanceOf(Namespaced.class);
    }
}
