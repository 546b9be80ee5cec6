package io.dpuplane.agent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.host.DpuClusterJoin;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulated kubelet talks to its DPU cluster as a real one does, on a real API server: it registers its Node
 * once, reports its status when it changes, and otherwise only renews its Lease.
 */
class ClusterNodeTest {

    private final TestControlPlane cluster = TestControlPlanes.second();
    private final KubernetesClient admin = cluster.client();
    private final DpuClusterJoin join = new DpuClusterJoin(cluster);

    @Test
    void anUnchangedNodeOnlyRenewsItsLeaseAndAChangeIsReportedAtOnce() {
        try (KubeletCredentials credentials = KubeletCredentials.bootstrapTokenOnly();
                ClusterNode kubelet = new ClusterNode(new BfCfg.ClusterJoin("cn-quiet", join.apiServer, join.caBase64,
                        join.tokenId + "." + join.tokenSecret), Map.of("e2e/kubelet", "quiet"), credentials)) {
            kubelet.heartbeat(true, "kubelet is posting ready status");
            Node registered = admin.nodes().withName("cn-quiet").get();
            Lease lease = admin.leases().inNamespace("kube-node-lease").withName("cn-quiet").get();
            assertThat(ready(registered)).isEqualTo("True");

            kubelet.heartbeat(true, "kubelet is posting ready status");
            kubelet.heartbeat(true, "kubelet is posting ready status");

            assertThat(admin.nodes().withName("cn-quiet").get().getMetadata().getResourceVersion())
                    .as("the Node not written again").isEqualTo(registered.getMetadata().getResourceVersion());
            assertThat(admin.leases().inNamespace("kube-node-lease").withName("cn-quiet").get().getMetadata()
                    .getResourceVersion()).as("the Lease renewed").isNotEqualTo(lease.getMetadata().getResourceVersion());

            kubelet.heartbeat(false, "PLEG is not healthy");
            assertThat(ready(admin.nodes().withName("cn-quiet").get())).isEqualTo("False");

            admin.nodes().withName("cn-quiet").delete();
            kubelet.heartbeat(false, "PLEG is not healthy");
            kubelet.heartbeat(true, "kubelet is posting ready status");
            assertThat(admin.nodes().withName("cn-quiet").get()).as("registered again after a deletion")
                    .satisfies(n -> assertThat(ready(n)).isEqualTo("True"));
        }
    }

    @Test
    void aKubeletWithItsOwnCredentialKeepsHeartbeatingAndRegistersAgainOnceTheProviderDeletesTheBootstrapToken(
            @TempDir Path dir) {
        try (KubeletCredentials credentials = KubeletCredentials.kubeconfig(cluster.writeKubeconfig(dir.resolve("kubelet")));
                ClusterNode kubelet = new ClusterNode(new BfCfg.ClusterJoin("cn-own", join.apiServer, join.caBase64,
                        join.tokenId + "." + join.tokenSecret), Map.of("e2e/kubelet", "own"), credentials)) {
            kubelet.heartbeat(true, "kubelet is posting ready status");
            assertThat(ready(admin.nodes().withName("cn-own").get())).isEqualTo("True");
            Lease lease = admin.leases().inNamespace("kube-node-lease").withName("cn-own").get();

            admin.secrets().inNamespace("kube-system").withName("bootstrap-token-" + join.tokenId).delete();
            // The API server keeps a token it authenticated for 10 s: from here on the token is refused.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(this::bootstrapTokenRefused);
            kubelet.heartbeat(false, "PLEG is not healthy");

            assertThat(ready(admin.nodes().withName("cn-own").get())).isEqualTo("False");
            assertThat(admin.leases().inNamespace("kube-node-lease").withName("cn-own").get().getMetadata()
                    .getResourceVersion()).as("the Lease renewed").isNotEqualTo(lease.getMetadata().getResourceVersion());

            admin.nodes().withName("cn-own").delete();
            kubelet.heartbeat(true, "kubelet is posting ready status");
            assertThat(admin.nodes().withName("cn-own").get()).as("registered again with its own credential")
                    .satisfies(n -> assertThat(ready(n)).isEqualTo("True"));
        } finally {
            new DpuClusterJoin(cluster);
        }
    }

    @Test
    void aJoinWithATokenTheClusterDoesNotKnowIsRefusedThoughTheKubeletHasACredentialForAfter(
            @TempDir Path dir) {
        try (KubeletCredentials credentials = KubeletCredentials.kubeconfig(cluster.writeKubeconfig(dir.resolve("kubelet")));
                ClusterNode kubelet = new ClusterNode(new BfCfg.ClusterJoin("cn-stranger", join.apiServer, join.caBase64,
                        "abcdef.0123456789abcdef"), Map.of("e2e/kubelet", "stranger"), credentials)) {
            assertThatThrownBy(() -> kubelet.heartbeat(true, "kubelet is posting ready status"))
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("HTTP 401");
            assertThat(admin.nodes().withName("cn-stranger").get()).as("no Node without a valid bootstrap token").isNull();
        }
    }

    private boolean bootstrapTokenRefused() {
        try (KubernetesClient withToken = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(join.apiServer).withCaCertData(join.caBase64)
                .withOauthToken(join.tokenId + "." + join.tokenSecret).build()).build()) {
            withToken.nodes().withName("cn-own").get();
            return false;
        } catch (KubernetesClientException e) {
            return e.getCode() == HttpURLConnection.HTTP_UNAUTHORIZED;
        }
    }

    private static String ready(Node node) {
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
                .orElseThrow().getStatus();
    }
}
