package io.dpuplane.agent.emulator;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * What an emulated DPU's kubelet does in its DPU cluster: registers the Node (with the bootstrap token the
 * bf.cfg carried), keeps its Ready condition and its Lease in {@code kube-node-lease} fresh, and marks
 * itself NotReady on shutdown.
 */
final class ClusterNode implements AutoCloseable {

    /** What a BlueField-3 offers its pods: 16 Arm cores, 32 GiB. */
    private static final Map<String, Quantity> CAPACITY = Map.of("cpu", new Quantity("16"),
            "memory", new Quantity("32Gi"), "pods", new Quantity("110"));

    private final BfCfg.ClusterJoin join;
    private final KubernetesClient bootstrap;
    private final KubeletCredentials credentials;
    private final Map<String, String> labels;
    private KubernetesClient client;
    private PodLifecycle pods;

    ClusterNode(BfCfg.ClusterJoin join, Map<String, String> labels, KubeletCredentials credentials) {
        this.join = join;
        this.labels = labels;
        this.credentials = credentials;
        ConfigBuilder config = new ConfigBuilder(Config.empty()).withMasterUrl(join.apiServer())
                .withOauthToken(join.bootstrapToken()).withRequestTimeout(10_000);
        if (join.caCertBase64() != null) {
            config.withCaCertData(join.caCertBase64());
        } else {
            config.withTrustCerts(true);
        }
        this.bootstrap = new KubernetesClientBuilder().withConfig(config.build()).build();
        this.client = bootstrap;
    }

    /** Registers the Node as Ready (or refreshes it) and renews its Lease. */
    void heartbeat(boolean ready, String message) {
        String now = ZonedDateTime.now().format(DateTimeFormatter.ISO_INSTANT);
        NodeCondition condition = new NodeConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                .withReason(ready ? "KubeletReady" : "KubeletNotReady").withMessage(message)
                .withLastHeartbeatTime(now).withLastTransitionTime(now).build();
        var nodes = client.nodes();
        if (nodes.withName(join.nodeName()).get() == null) {
            nodes.resource(new NodeBuilder().withNewMetadata().withName(join.nodeName()).withLabels(labels)
                    .endMetadata().build()).create();
        }
        nodes.withName(join.nodeName()).editStatus(node -> {
            node.getStatus().setConditions(List.of(condition));
            node.getStatus().setCapacity(CAPACITY);
            node.getStatus().setAllocatable(CAPACITY);
            return node;
        });
        var leases = client.leases().inNamespace("kube-node-lease");
        if (leases.withName(join.nodeName()).get() == null) {
            leases.resource(new LeaseBuilder().withNewMetadata().withName(join.nodeName()).endMetadata()
                    .withNewSpec().withHolderIdentity(join.nodeName()).withLeaseDurationSeconds(40)
                    .withRenewTime(ZonedDateTime.now()).endSpec().build()).create();
        } else {
            leases.withName(join.nodeName()).edit(lease -> {
                lease.getSpec().setRenewTime(ZonedDateTime.now());
                return lease;
            });
        }
    }

    /**
     * After the first heartbeat (the join, with the bootstrap token): keeps working with the kubelet's own
     * credential when there is one, and plays the pods bound to this node.
     */
    void joined() {
        if (pods != null) {
            return;
        }
        credentials.client().ifPresent(own -> client = own);
        if (client != bootstrap) {
            pods = PodLifecycle.start(client, List.of(join.nodeName()));
        }
    }

    @Override
    public void close() {
        if (pods != null) {
            pods.close();
        }
        if (client != bootstrap) {
            client.close();
        }
        bootstrap.close();
    }
}
