package io.dpuplane.testkit.kube;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the JVM's shared real kube-apiserver: parameters of type
 * {@link io.fabric8.kubernetes.client.KubernetesClient} or {@link TestControlPlane} are injected; annotate
 * one with {@link SecondControlPlane} to get the independent second control plane instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KubeApiServerExtension.class)
public @interface WithKubeApiServer {
}
