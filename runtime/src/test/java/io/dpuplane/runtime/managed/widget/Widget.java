package io.dpuplane.runtime.managed.widget;

import io.dpuplane.apis.crossplane.ManagedResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A managed resource kind that exists only for the runtime's tests; its external system is {@link WidgetApi}. */
@Group("test.dpuplane.io")
@Version("v1alpha1")
@Kind("Widget")
@Plural("widgets")
public class Widget extends ManagedResource<WidgetSpec, WidgetStatus> {
}
