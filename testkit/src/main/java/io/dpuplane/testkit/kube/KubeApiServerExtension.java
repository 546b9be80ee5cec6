package io.dpuplane.testkit.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Injects the shared host control plane (or the second one) into test constructors and methods. */
public final class KubeApiServerExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubernetesClient.class || type == TestControlPlane.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        TestControlPlane plane = parameter.isAnnotated(SecondControlPlane.class)
                ? TestControlPlanes.second()
                : TestControlPlanes.host();
        return parameter.getParameter().getType() == KubernetesClient.class ? plane.client() : plane;
    }
}
