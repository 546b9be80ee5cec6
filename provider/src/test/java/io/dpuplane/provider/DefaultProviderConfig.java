package io.dpuplane.provider;

import io.dpuplane.apis.config.v1alpha1.ClusterProviderConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The default ClusterProviderConfig the provider's tests use. */
public final class DefaultProviderConfig {

    private DefaultProviderConfig() {
    }

    public static void ensureDefaultClusterProviderConfig(KubernetesClient client) {
        if (client.resources(ClusterProviderConfig.class).withName("default").get() == null) {
            client.resource(Serialization.unmarshal("""
                    apiVersion: dpuplane.io/v1alpha1
                    kind: ClusterProviderConfig
                    metadata: {name: default}
                    spec: {agent: {tlsSecretRef: {name: agent-tls, namespace: crossplane-system}}}
                    """, ClusterProviderConfig.class)).create();
        }
    }
}
