package io.dpuplane.runtime.managed.widget;

import io.dpuplane.apis.crossplane.ManagedResourceSpec;

public class WidgetSpec extends ManagedResourceSpec {

    private WidgetParameters forProvider = new WidgetParameters();

    public WidgetParameters getForProvider() {
        return forProvider;
    }

    public void setForProvider(WidgetParameters forProvider) {
        this.forProvider = forProvider;
    }
}
