package io.dpuplane.agent.host;

import io.dpuplane.testkit.kube.TestControlPlane;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A DPU cluster ready to be joined the way dpuplane joins DPUs: a short-lived bootstrap token, and RBAC that
 * lets bootstrapping nodes register themselves and keep their Lease.
 */
public final class DpuClusterJoin {

    public final String tokenId = "dpu0ab";
    public final String tokenSecret = "0123456789abcdef";
    public final String apiServer;
    public final String caBase64;

    public DpuClusterJoin(TestControlPlane cluster) {
        KubernetesClient client = cluster.client();
        Config config = Config.fromKubeconfig(cluster.kubeconfigYaml());
        this.apiServer = config.getMasterUrl();
        // The API server's serving certificate (self-signed by kube-api-test), the CA a joining node trusts.
        this.caBase64 = servingCertificate();
        if (client.secrets().inNamespace("kube-system").withName("bootstrap-token-" + tokenId).get() == null) {
            client.secrets().inNamespace("kube-system").resource(new SecretBuilder()
                    .withNewMetadata().withName("bootstrap-token-" + tokenId).endMetadata()
                    .withType("bootstrap.kubernetes.io/token")
                    .withStringData(Map.of("token-id", tokenId, "token-secret", tokenSecret,
                            "usage-bootstrap-authentication", "true",
                            "expiration", Instant.now().plus(2, ChronoUnit.HOURS).toString()))
                    .build()).create();
            client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata()
                    .withName("dpuplane:dpu-bootstrap").endMetadata()
                    .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("nodes", "nodes/status")
                                    .withVerbs("get", "create", "update", "patch").build(),
                            new PolicyRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
                                    .withVerbs("get", "create", "update", "patch").build())
                    .build()).serverSideApply();
            client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
                    .withName("dpuplane:dpu-bootstrap").endMetadata()
                    .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                    .withName("dpuplane:dpu-bootstrap").endRoleRef()
                    .addNewSubject().withKind("Group").withApiGroup("rbac.authorization.k8s.io")
                    .withName("system:bootstrappers").endSubject().build()).serverSideApply();
        }
    }

    private static String servingCertificate() {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.nio.file.Files.readAllBytes(
                    io.dpuplane.testkit.kube.ControlPlaneBinaries.pinned().kubeApiTestDir().resolve("apiserver.crt")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The bf.cfg join lines for one DPU. */
    String bfCfg(String nodeName) {
        return "# bf.cfg rendered by dpuplane\nDPUPLANE_NODE_NAME=" + nodeName + "\nDPUPLANE_API_SERVER=" + apiServer
                + "\nDPUPLANE_CA_CERT_B64=" + caBase64 + "\nDPUPLANE_BOOTSTRAP_TOKEN=" + tokenId + "." + tokenSecret + "\n";
    }
}
