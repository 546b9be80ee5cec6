package io.dpuplane.runtime.providerconfig;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;

/**
 * Registers the usage accounting of ProviderConfigs and ClusterProviderConfigs. They see every event,
 * deletion included, because they hold the {@code in-use} finalizer themselves.
 */
public final class ProviderConfigControllers {

    private ProviderConfigControllers() {
    }

    /** Registers both; {@code shortWait} is how soon a deletion blocked by users is looked at again. */
    public static void register(Operator operator, KubernetesClient client, Duration shortWait, String nameSuffix) {
        operator.register(new ProviderConfigController(client, shortWait), o -> o
                .withName("providerconfig/providerconfig" + nameSuffix)
                .withTriggerReconcilerOnAllEvents(true));
        operator.register(new ClusterProviderConfigController(client, shortWait), o -> o
                .withName("providerconfig/clusterproviderconfig" + nameSuffix)
                .withTriggerReconcilerOnAllEvents(true));
    }
}
