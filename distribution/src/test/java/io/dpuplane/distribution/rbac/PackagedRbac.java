package io.dpuplane.distribution.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.dpuplane.testkit.kube.PackagedRoles;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/**
 * package/rbac applied to a real API server (which authorizes with RBAC), and clients that act as the
 * components' ServiceAccounts (impersonated by the admin, so the server authorizes each request as that account).
 */
final class PackagedRbac {

    private PackagedRbac() {
    }

    /** Applies package/rbac/{file} after creating the namespaces and ServiceAccounts it refers to. */
    static void apply(TestControlPlane plane, String file) {
        PackagedRoles.apply(plane, file);
    }

    static void namespace(TestControlPlane plane, String name) {
        PackagedRoles.namespace(plane, name);
    }

    /** A client whose every request the server authorizes as {@code system:serviceaccount:<ns>:<name>}. */
    static KubernetesClient as(TestControlPlane plane, String namespace, String name) {
        namespace(plane, namespace);
        plane.client().resource(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .endMetadata().build()).fieldManager("rbac-test").serverSideApply();
        Config config = Config.fromKubeconfig(plane.kubeconfigYaml());
        config.setImpersonateUsername("system:serviceaccount:" + namespace + ":" + name);
        config.setImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + namespace,
                "system:authenticated");
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Runs an action once the server's RBAC caches have caught up with the roles just applied. */
    static void awaitAllowed(Runnable action) {
        await("RBAC to allow the action").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 403)
                .untilAsserted(action::run);
    }

    /** The server refuses the action as forbidden (403), not for any other reason. */
    static void assertForbidden(Runnable action) {
        KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class, action::run);
        assertThat(refused).as("the API server should have forbidden the action").isNotNull();
        assertThat(refused.getCode()).as(refused.getMessage()).isEqualTo(403);
    }
}
