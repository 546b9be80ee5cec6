package io.dpuplane.runtime.providerconfig;

import io.dpuplane.apis.config.v1alpha1.ClusterProviderConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/** Usage accounting for ClusterProviderConfigs (their users live in every namespace). */
public final class ClusterProviderConfigController extends ProviderConfigUsageReconciler<ClusterProviderConfig> {

    public ClusterProviderConfigController(KubernetesClient client, Duration shortWait) {
        super(client, "ClusterProviderConfig", true, shortWait);
    }
}
