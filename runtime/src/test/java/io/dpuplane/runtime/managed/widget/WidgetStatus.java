package io.dpuplane.runtime.managed.widget;

import io.dpuplane.apis.crossplane.ManagedResourceStatus;

public class WidgetStatus extends ManagedResourceStatus {

    private WidgetApi.State atProvider;

    public WidgetApi.State getAtProvider() {
        return atProvider;
    }

    public void setAtProvider(WidgetApi.State atProvider) {
        this.atProvider = atProvider;
    }
}
