package io.dpuplane.provider.dpu;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the DPU controller does in a DPU cluster: a short-lived bootstrap token per DPU (and the RBAC that
 * lets a bootstrapping node register itself), the joined Node, its labels, and clean-up.
 */
final class DpuClusterAccess implements AutoCloseable {

    static final String BOOTSTRAP_ROLE = "dpuplane:dpu-bootstrap";
    private static final Duration RBAC_RECHECK = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final Config config;
    private final NodeWatch nodes;
    private final JoinTokens tokens;
    private volatile boolean rbacConfirmed;
    private volatile long rbacConfirmedNanos;

    DpuClusterAccess(String kubeconfig) {
        this.config = Config.fromKubeconfig(kubeconfig);
        config.setRequestTimeout(10_000);
        this.client = new KubernetesClientBuilder().withConfig(config).build();
        this.nodes = new NodeWatch(client, config.getMasterUrl());
        this.tokens = new JoinTokens(client);
    }

    String apiServer() {
        return config.getMasterUrl();
    }

    /** The CA a joining node trusts: the kubeconfig's, base64 PEM as kubeconfigs carry it. */
    String caBase64() {
        if (config.getCaCertData() != null) {
            return config.getCaCertData();
        }
        if (config.getCaCertFile() != null) {
            try {
                return java.util.Base64.getEncoder().encodeToString(java.nio.file.Files.readAllBytes(
                        java.nio.file.Path.of(config.getCaCertFile())));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read the DPU cluster's CA " + config.getCaCertFile(), e);
            }
        }
        throw new IllegalStateException("the DPU cluster's kubeconfig names no certificate authority; DPUs could "
                + "not verify the cluster they join");
    }

    /** A one-hour bootstrap token for a DPU, as {@code id.secret} (see {@link JoinTokens#create}). */
    String createToken(String dpuUid) {
        ensureBootstrapRbac();
        return tokens.create(dpuUid);
    }

    void deleteToken(String dpuUid) {
        tokens.delete(dpuUid);
    }

    Optional<Node> node(String name) {
        return nodes.node(name);
    }

    /** The cluster's Node watch: who follows a Node is told when it joins, changes readiness, or goes. */
    NodeWatch nodes() {
        return nodes;
    }

    static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The message of a Node's Ready condition, or what is missing. */
    static String readyMessage(Node node) {
        return node.getStatus() == null || node.getStatus().getConditions() == null ? "no Ready condition"
                : node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
                        .map(c -> c.getStatus() + " " + Objects.toString(c.getReason(), "") + " "
                                + Objects.toString(c.getMessage(), "")).map(String::strip).orElse("no Ready condition");
    }

    /** Whether a Node carries every one of these labels with these values. */
    static boolean carries(Node node, Map<String, String> labels) {
        Map<String, String> has = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        return labels.entrySet().stream().allMatch(e -> e.getValue().equals(has.get(e.getKey())));
    }

    /** Adds the labels to the Node (others it carries stay): one merge patch, no read first. */
    void label(String nodeName, Map<String, String> labels) {
        if (!labels.isEmpty()) {
            client.nodes().withName(nodeName).patch(PatchContext.of(PatchType.JSON_MERGE),
                    Serialization.asJson(Map.of("metadata", Map.of("labels", labels))));
        }
    }

    void deleteNode(String nodeName) {
        client.nodes().withName(nodeName).delete();
    }

    /**
     * Puts the bootstrap RBAC in place if it is missing; looked at once per {@link #RBAC_RECHECK}, not per DPU, and by
     * one worker at a time: the first creates of a fleet come together, and each used to read and apply it again.
     */
    private void ensureBootstrapRbac() {
        if (rbacFresh(System.nanoTime())) {
            return;
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (rbacFresh(now)) {
                return;
            }
            if (client.rbac().clusterRoleBindings().withName(BOOTSTRAP_ROLE).get() == null) {
                applyBootstrapRbac();
            }
            rbacConfirmedNanos = now;
            rbacConfirmed = true;
        }
    }

    private boolean rbacFresh(long now) {
        return rbacConfirmed && now - rbacConfirmedNanos < RBAC_RECHECK.toNanos();
    }

    private void applyBootstrapRbac() {
        client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(BOOTSTRAP_ROLE)
                .endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("nodes", "nodes/status")
                                .withVerbs("get", "create", "update", "patch").build(),
                        new PolicyRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
                                .withVerbs("get", "create", "update", "patch").build())
                .build()).serverSideApply();
        client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
                .withName(BOOTSTRAP_ROLE).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName(BOOTSTRAP_ROLE).endRoleRef()
                .addNewSubject().withKind("Group").withApiGroup("rbac.authorization.k8s.io")
                .withName("system:bootstrappers").endSubject().build()).serverSideApply();
    }

    @Override
    public void close() {
        nodes.close();
        client.close();
    }
}
