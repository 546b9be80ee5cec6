package io.dpuplane.runtime.providerconfig;

import io.dpuplane.apis.config.v1alpha1.ProviderConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/** Usage accounting for namespaced ProviderConfigs (their users live in the same namespace). */
public final class ProviderConfigController extends ProviderConfigUsageReconciler<ProviderConfig> {

    public ProviderConfigController(KubernetesClient client, Duration shortWait) {
        super(client, "ProviderConfig", false, shortWait);
    }
}
