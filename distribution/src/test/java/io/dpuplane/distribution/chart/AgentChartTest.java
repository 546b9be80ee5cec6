package io.dpuplane.distribution.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent chart rendered by the real Helm SDK for both modes, every manifest accepted by a real API server in
 * a strict server-side dry run, and bad values refused by values.schema.json before anything renders.
 */
class AgentChartTest {

    private static KubernetesClient client;

    /** The release's namespace, and the inventory namespace the host agent's RoleBinding goes to. */
    @BeforeAll
    static void namespaces() {
        client = TestControlPlanes.host().client();
        for (String ns : List.of(AgentChart.NAMESPACE, "dpuplane-system")) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                    .fieldManager("chart-test").serverSideApply();
        }
    }

    @Test
    void hostModeIsAPrivilegedNodeCriticalDaemonSetWithDevSysAndItsCertificate() {
        List<HasMetadata> objects = AgentChart.objects(client, Map.of());

        PodSpec pod = daemonSet(objects).getSpec().getTemplate().getSpec();
        Container agent = pod.getContainers().get(0);
        assertThat(agent.getSecurityContext().getPrivileged()).isTrue();
        assertThat(pod.getPriorityClassName()).isEqualTo("system-node-critical");
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getTolerations()).anyMatch(t -> "Exists".equals(t.getOperator()) && t.getKey() == null);
        Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
        assertThat(volumes.get("dev").getHostPath().getPath()).isEqualTo("/dev");
        assertThat(volumes.get("sys").getHostPath().getPath()).isEqualTo("/sys");
        assertThat(volumes.get("tls").getSecret().getSecretName()).isEqualTo("dpuplane-agent-tls");
        assertThat(env(agent)).containsEntry("DPUPLANE_AGENT_MODE", "host")
                .containsEntry("DPUPLANE_AGENT_TLS_CERTS_DIR", "/tls/server")
                .containsEntry("DPUPLANE_AGENT_INVENTORY_NAMESPACE", "dpuplane-system");
        assertThat(agent.getEnv()).anyMatch(e -> e.getName().equals("DPUPLANE_AGENT_NODE_NAME")
                && e.getValueFrom().getFieldRef().getFieldPath().equals("spec.nodeName"));
        assertThat(agent.getImage()).isEqualTo("dpuplane/dpuplane-agent:0.1.0-SNAPSHOT");

        acceptedByTheApiServer(objects, "RoleBinding");
    }

    @Test
    void dpuModeIsAnUnprivilegedDaemonSetOnTheOvsSocketsThatTheApiServerAccepts() {
        List<HasMetadata> objects = AgentChart.objects(client, Map.of("mode", "dpu", "dpu.bridge", "br-chain"));

        PodSpec pod = daemonSet(objects).getSpec().getTemplate().getSpec();
        Container agent = pod.getContainers().get(0);
        assertThat(agent.getSecurityContext().getPrivileged()).isFalse();
        assertThat(agent.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pod.getVolumes()).anyMatch(v -> v.getHostPath() != null
                && v.getHostPath().getPath().equals("/var/run/openvswitch"));
        assertThat(pod.getVolumes())
                .noneMatch(v -> v.getHostPath() != null && v.getHostPath().getPath().equals("/dev"));
        assertThat(env(agent)).containsEntry("DPUPLANE_AGENT_MODE", "dpu").containsEntry("DPUPLANE_AGENT_DPU_BRIDGE",
                "br-chain");

        acceptedByTheApiServer(objects, "ClusterRoleBinding");
    }

    @Test
    void theStrictDryRunRefusesAFieldTheApiDoesNotHave() {
        String rendered = AgentChart.render(Map.of())
                .replace("hostNetwork: true", "hostNetwork: true\n      hostNetwrk: true");
        List<HasMetadata> objects = client.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8)))
                .items();

        assertThatThrownBy(() -> dryRun(daemonSet(objects)))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("hostNetwrk");
    }

    @Test
    void aModeOtherThanHostOrDpuIsRefusedByTheSchema() {
        assertThatThrownBy(() -> AgentChart.render(Map.of("mode", "hots")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("at '/mode': value must be one of 'host', 'dpu'");
    }

    @Test
    void aMisspelledKeyOrAMalformedDurationIsRefusedByTheSchema() {
        assertThatThrownBy(() -> AgentChart.render(Map.of("host.grpcport", "9443")))
                .hasMessageContaining("at '/host': additional properties 'grpcport' not allowed");
        assertThatThrownBy(() -> AgentChart.render(Map.of("host.bootTimeout", "thirty minutes")))
                .hasMessageContaining("at '/host/bootTimeout': 'thirty minutes' does not match pattern");
    }

    @Test
    void chartPassesStrictHelmLint() {
        LintResult lint = new Helm(AgentChart.dir()).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void theChartsAgentRolesHaveTheRulesOfPackageRbac() throws Exception {
        for (String mode : List.of("host", "dpu")) {
            ClusterRole chart = AgentChart.objects(client, Map.of("mode", mode)).stream()
                    .filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast).findFirst().orElseThrow();
            ClusterRole packaged;
            Path file = ProjectLayout.root().resolve("package/rbac/agent-" + mode + ".yaml");
            try (InputStream in = Files.newInputStream(file)) {
                packaged = client.load(in).items().stream().filter(ClusterRole.class::isInstance)
                        .map(ClusterRole.class::cast).findFirst().orElseThrow();
            }
            assertThat(chart.getRules()).as("mode %s", mode).isEqualTo(packaged.getRules());
        }
    }

    /** Every rendered object passes a strict server-side dry run (a uid proves the server admitted it). */
    private static void acceptedByTheApiServer(List<HasMetadata> objects, String bindingKind) {
        assertThat(objects).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("ServiceAccount", "ClusterRole", bindingKind, "DaemonSet");
        for (HasMetadata object : objects) {
            HasMetadata accepted = dryRun(object);
            assertThat(accepted.getMetadata().getUid()).as("%s %s", object.getKind(), object.getMetadata().getName())
                    .isNotBlank();
        }
    }

    private static HasMetadata dryRun(HasMetadata object) {
        return client.resource(object).dryRun().fieldValidation(Validation.STRICT).create();
    }

    private static DaemonSet daemonSet(List<HasMetadata> objects) {
        return objects.stream().filter(DaemonSet.class::isInstance).map(DaemonSet.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no DaemonSet rendered"));
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
    }
}
