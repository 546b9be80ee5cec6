package io.dpuplane.testkit.kube;

import io.dpuplane.testkit.ProjectLayout;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The components' packaged identities on a test control plane: the least-privilege roles of {@code package/rbac}
 * applied as they ship, and a kubeconfig that authenticates as a component's ServiceAccount with a token the API
 * server issues (TokenRequest), as the component's pod would.
 */
public final class PackagedRoles {

    private PackagedRoles() {
    }

    /** Applies {@code package/rbac/<file>} after creating the namespaces its objects live in. */
    public static void apply(TestControlPlane plane, String file) {
        KubernetesClient admin = plane.client();
        List<HasMetadata> objects;
        try (InputStream in = Files.newInputStream(ProjectLayout.root().resolve("package/rbac").resolve(file))) {
            objects = admin.load(in).items();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (HasMetadata object : objects) {
            if (object.getMetadata().getNamespace() != null) {
                namespace(plane, object.getMetadata().getNamespace());
            }
            admin.resource(object).fieldManager("packaged-roles").forceConflicts().serverSideApply();
        }
    }

    /** Creates the namespace unless it is there. */
    public static void namespace(TestControlPlane plane, String name) {
        plane.client().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .fieldManager("packaged-roles").serverSideApply();
    }

    /**
     * A kubeconfig for ServiceAccount {@code namespace/name} (created when missing): the server's address and CA
     * from the admin kubeconfig, and a bearer token of the account valid for {@code lifetime}.
     */
    public static String serviceAccountKubeconfig(TestControlPlane plane, String namespace, String name,
            Duration lifetime) {
        namespace(plane, namespace);
        KubernetesClient admin = plane.client();
        admin.resource(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .endMetadata().build()).fieldManager("packaged-roles").serverSideApply();
        TokenRequest token = admin.serviceAccounts().inNamespace(namespace).withName(name).tokenRequest(
                new TokenRequestBuilder().withNewSpec().withExpirationSeconds(lifetime.toSeconds()).endSpec().build());
        Config server = Config.fromKubeconfig(plane.kubeconfigYaml());
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster: {server: "%2$s", certificate-authority-data: %3$s}
                users:
                - name: %4$s
                  user: {token: %5$s}
                contexts:
                - name: %4$s
                  context: {cluster: %1$s, user: %4$s}
                current-context: %4$s
                """.formatted(plane.name(), server.getMasterUrl(), caData(server), namespace + "-" + name,
                token.getStatus().getToken());
    }

    /** The server's CA as kubeconfig data, inline or read from the file the admin kubeconfig names. */
    private static String caData(Config server) {
        if (server.getCaCertData() != null) {
            return server.getCaCertData();
        }
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(server.getCaCertFile())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
