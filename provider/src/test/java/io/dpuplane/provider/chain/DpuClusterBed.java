package io.dpuplane.provider.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.crossplane.ManagedResource;
import io.dpuplane.apis.provisioning.v1alpha1.DPUCluster;
import io.dpuplane.apis.sfc.v1alpha1.ProgrammingStatus;
import io.dpuplane.apis.sfc.v1alpha1.Sfc;
import io.dpuplane.provider.DefaultProviderConfig;
import io.dpuplane.runtime.Conditions;
import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.kube.TestControlPlane;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A namespace of the host cluster with a static DPUCluster pointing at the second real API server (the DPU
 * cluster, sfc CRDs installed), whose Nodes {@code dpu-a-<id>} and {@code dpu-b-<id>} carry this run's label.
 * The test plays the DPU agents: {@link #agentReports} writes the Programmed condition as the agent does.
 */
final class DpuClusterBed {

    static final Duration WAIT = Duration.ofSeconds(90);
    private static boolean crdsInstalled;

    final KubernetesClient host = TestControlPlanes.host().client();
    final KubernetesClient dpu = dpuCluster().client();
    final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    final String ns = "chaining-" + id;
    final String cluster = "dpus-" + id;

    DpuClusterBed() {
        host.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        DefaultProviderConfig.ensureDefaultClusterProviderConfig(host);
        host.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(cluster + "-kubeconfig")
                .endMetadata().addToData("kubeconfig", Base64.getEncoder().encodeToString(
                        TestControlPlanes.second().kubeconfigYaml().getBytes(StandardCharsets.UTF_8))).build()).create();
        create(DPUCluster.class, """
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: DPUCluster
                metadata: {name: %s, namespace: %s}
                spec:
                  forProvider: {type: static, kubeconfigSecretRef: {name: %s-kubeconfig}}
                """.formatted(cluster, ns, cluster));
        node("a");
        node("b");
    }

    private static synchronized TestControlPlane dpuCluster() {
        TestControlPlane plane = TestControlPlanes.second();
        if (!crdsInstalled) {
            for (String crd : List.of("serviceinterfaces", "servicechains", "ippools")) {
                plane.installCrd(ProjectLayout.crdsDir().resolve(crd + ".sfc.dpuplane.io-v1.yml"));
            }
            crdsInstalled = true;
        }
        return plane;
    }

    /** Adds a Node {@code dpu-<suffix>-<id>} with this run's label to the DPU cluster. */
    String node(String suffix) {
        dpu.nodes().resource(new NodeBuilder().withNewMetadata().withName(nodeName(suffix))
                .withLabels(Map.of("test-run", id)).endMetadata().build()).create();
        return nodeName(suffix);
    }

    String nodeName(String suffix) {
        return "dpu-" + suffix + "-" + id;
    }

    /** The forProvider fields that target this bed's cluster and nodes. */
    String targets() {
        return "clusters: {names: [" + cluster + "]}, nodeSelector: {test-run: \"" + id + "\"}";
    }

    /** The same as {@link #targets()}, as block-style YAML lines at an indent. */
    String targetLines(String indent) {
        return "clusters: {names: [" + cluster + "]}\n" + indent + "nodeSelector: {test-run: \"" + id + "\"}";
    }

    <T extends HasMetadata> T create(Class<T> type, String yaml) {
        return host.resource(Serialization.unmarshal(yaml, type)).create();
    }

    <T extends ManagedResource<?, ?>> T get(Class<T> type, String name) {
        return host.resources(type).inNamespace(ns).withName(name).get();
    }

    <T extends ManagedResource<?, ?>> Optional<Condition> condition(Class<T> type, String name, String kind) {
        T resource = get(type, name);
        return resource == null || resource.getStatus() == null ? Optional.empty()
                : Conditions.find(resource.getStatus().getConditions(), kind);
    }

    <T extends ManagedResource<?, ?>> void awaitReady(Class<T> type, String name) {
        await(name + " Ready").atMost(WAIT).untilAsserted(() -> assertThat(condition(type, name, Conditions.READY))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True")));
    }

    <T extends ManagedResource<?, ?>> String awaitNotReadyWith(Class<T> type, String name, String text) {
        await(name + " not Ready: " + text).atMost(WAIT).untilAsserted(() -> assertThat(
                condition(type, name, Conditions.READY)).hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getMessage()).contains(text);
                }));
        return condition(type, name, Conditions.READY).orElseThrow().getMessage();
    }

    <T extends ManagedResource<?, ?>> String awaitSyncError(Class<T> type, String name) {
        await(name + " Synced=False").atMost(WAIT).untilAsserted(() -> assertThat(condition(type, name,
                Conditions.SYNCED)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False")));
        return condition(type, name, Conditions.SYNCED).orElseThrow().getMessage();
    }

    /** Plays the node's agent: reports the object programmed ({@code message} null), or not, with the message. */
    <S extends ProgrammingStatus, T extends CustomResource<?, S>> void agentReports(Class<T> type, String name,
            S status, String message) {
        T object = dpu.resources(type).inNamespace(ns).withName(name).get();
        status.setObservedGeneration(object.getMetadata().getGeneration());
        status.setConditions(List.of(new Condition(Sfc.PROGRAMMED_CONDITION, message == null ? "True" : "False",
                message == null ? "Programmed" : "PortNotReady", message,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), object.getMetadata().getGeneration())));
        object.setStatus(status);
        dpu.resource(object).updateStatus();
    }

    /** The per-node objects of an owner in the DPU cluster. */
    <T extends CustomResource<?, ?>> List<T> mirrored(Class<T> type, String owner) {
        return dpu.resources(type).inNamespace(ns).withLabel(Sfc.OWNER_NAME_LABEL, owner).list().getItems();
    }

    <T extends CustomResource<?, ?>> T onNode(Class<T> type, String owner, String nodeSuffix) {
        return dpu.resources(type).inNamespace(ns).withName(owner + "-" + nodeName(nodeSuffix)).get();
    }
}
