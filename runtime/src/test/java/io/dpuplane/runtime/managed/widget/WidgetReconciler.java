package io.dpuplane.runtime.managed.widget;

import io.dpuplane.runtime.managed.ManagedReconciler;
import io.dpuplane.runtime.managed.ManagedReconcilerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The Widget controller: the generic managed reconciler bound to the Widget kind. */
public final class WidgetReconciler extends ManagedReconciler<Widget> {

    public WidgetReconciler(KubernetesClient client, WidgetApi api, ManagedReconcilerOptions options) {
        super(client, "Widget", new WidgetConnector(api), options);
    }
}
