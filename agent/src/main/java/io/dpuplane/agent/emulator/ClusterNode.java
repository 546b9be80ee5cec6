package io.dpuplane.agent.emulator;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
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

    /** How often an unchanged status is reported anyway (a real kubelet: nodeStatusReportFrequency, 5 min). */
    private static final Duration STATUS_REPORT = Duration.ofMinutes(1);
    /** What a BlueField-3 offers its pods: 16 Arm cores, 32 GiB. */
    private static final Map<String, Quantity> CAPACITY = Map.of("cpu", new Quantity("16"),
            "memory", new Quantity("32Gi"), "pods", new Quantity("110"));

    private final BfCfg.ClusterJoin join;
    private final KubernetesClient bootstrap;
    private final KubeletCredentials credentials;
    private final Map<String, String> labels;
    /** The kubelet's client: the bootstrap token's, or (once registered) the credential of its own it was given. */
    private KubernetesClient client;
    private PodLifecycle pods;
    /** Whether the Node was created once; a report that finds it gone creates it again. */
    private boolean registered;
    private String reported;
    private long reportedNanos;
    private Lease lease;
    private boolean renewedBefore;

    ClusterNode(BfCfg.ClusterJoin join, Map<String, String> labels, KubeletCredentials credentials) {
        this.join = join;
        this.labels = labels;
        this.credentials = credentials;
        if (credentials.hasOwnCredential()) {
            // The join is the only request with the bootstrap token: made over the process's shared connections.
            this.bootstrap = null;
            return;
        }
        ConfigBuilder config = new ConfigBuilder(Config.empty()).withMasterUrl(join.apiServer())
                .withOauthToken(join.bootstrapToken()).withRequestTimeout(10_000);
        if (join.caCertBase64() != null) {
            config.withCaCertData(join.caCertBase64());
        } else {
            config.withTrustCerts(true);
        }
        this.bootstrap = credentials.bootstrapClient(config.build());
        this.client = bootstrap;
    }

    /**
     * One heartbeat, as a real kubelet's: registers the Node once, reports its status (a patch, no read) when it
     * changed or once per {@link #STATUS_REPORT}, registering again if the report finds the Node deleted, and renews
     * its Lease with one update. A join is three requests: the Node, its status, the Lease.
     */
    void heartbeat(boolean ready, String message) {
        if (!registered) {
            register();
        }
        long now = System.nanoTime();
        String status = ready + " " + message;
        if (!status.equals(reported) || now - reportedNanos > STATUS_REPORT.toNanos()) {
            String at = ZonedDateTime.now().format(DateTimeFormatter.ISO_INSTANT);
            NodeCondition condition = new NodeConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                    .withReason(ready ? "KubeletReady" : "KubeletNotReady").withMessage(message)
                    .withLastHeartbeatTime(at).withLastTransitionTime(at).build();
            try {
                reportStatus(condition);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
                register();
                reportStatus(condition);
            }
            reported = status;
            reportedNanos = now;
        }
        renewLease();
    }

    /** The Node's Ready condition and capacity, as a merge patch of its status (no read first). */
    private void reportStatus(NodeCondition ready) {
        client.nodes().withName(join.nodeName()).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                new NodeBuilder().withNewMetadata().withName(join.nodeName()).endMetadata().withNewStatus()
                        .withConditions(ready).withCapacity(CAPACITY).withAllocatable(CAPACITY).endStatus().build());
    }

    /**
     * Creates the Node: a kubelet with a credential of its own joins with the bootstrap token as one request over the
     * process's shared connections, then goes on with that credential; registering again (the Node was deleted), or
     * keeping the token, is a create with the kubelet's client. A Node that is there already is this kubelet's.
     */
    private void register() {
        Node node = new NodeBuilder().withNewMetadata().withName(join.nodeName()).withLabels(labels).endMetadata().build();
        if (!registered && credentials.hasOwnCredential()) {
            credentials.registerNode(join, node);
            // As a real kubelet after its TLS bootstrap: its own credential from here on. The provider deletes the
            // bootstrap token once the Node is Ready, and a kubelet still using it would be refused (401) from then on.
            client = credentials.client().orElseThrow();
        } else {
            try {
                client.nodes().resource(node).create();
            } catch (KubernetesClientException e) {
                if (!KubeletCredentials.isThisKubeletsNode(e.getCode())) {
                    throw e;
                }
            }
        }
        registered = true;
    }

    /** Renews the Lease: created on the first heartbeat (no read first); read again only after a renewal failed. */
    private void renewLease() {
        var leases = client.leases().inNamespace("kube-node-lease");
        if (lease == null && renewedBefore) {
            lease = leases.withName(join.nodeName()).get();
        }
        renewedBefore = true;
        try {
            if (lease == null) {
                lease = leases.resource(new LeaseBuilder().withNewMetadata().withName(join.nodeName()).endMetadata()
                        .withNewSpec().withHolderIdentity(join.nodeName()).withLeaseDurationSeconds(40)
                        .withRenewTime(ZonedDateTime.now()).endSpec().build()).create();
            } else {
                lease.getSpec().setRenewTime(ZonedDateTime.now());
                lease = leases.resource(lease).update();
            }
        } catch (KubernetesClientException e) {
            lease = null;
            if (e.getCode() != 409 && e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** After the first heartbeat: plays the pods bound to this node, when the kubelet has its own credential. */
    void joined() {
        if (pods != null) {
            return;
        }
        if (registered && credentials.hasOwnCredential()) {
            pods = credentials.pods().orElse(null);
            if (pods != null) {
                pods.join(join.nodeName());
            }
        }
    }

    @Override
    public void close() {
        if (pods != null) {
            pods.leave(join.nodeName());
        }
        // The kubelets' shared client is the credentials' to close.
        if (bootstrap != null) {
            bootstrap.close();
        }
    }
}
