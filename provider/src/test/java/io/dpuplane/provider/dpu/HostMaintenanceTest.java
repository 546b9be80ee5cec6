package io.dpuplane.provider.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dpuplane.apis.crossplane.Condition;
import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.runtime.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A DPU's drain on a real API server with the real controller-manager and scheduler: pods leave its host
 * through the Eviction API only, PodDisruptionBudgets hold it (and say so), and nothing is ever forced.
 */
class HostMaintenanceTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private final DrainBed bed = DrainBed.get();
    private final KubernetesClient client = bed.client;
    private final MovableClock clock = new MovableClock();
    private final HostMaintenance host = new HostMaintenance(client, clock);

    @Test
    void aDrainEvictsAnOrdinaryPodAndLeavesDaemonSetPods() {
        bed.hostNode("evict-host");
        bed.namespace("evict");
        deployment("evict", "web", "evict-host", 1);
        daemonSet("evict", "node-agent", "evict-host");
        List<Pod> before = await("web and node-agent run on the host").atMost(WAIT).until(() -> podsOn("evict-host"),
                pods -> pods.size() == 2 && pods.stream().allMatch(HostMaintenanceTest::ready));
        String agentUid = uidOf(before, "node-agent");
        DPU dpu = bed.dpu("evict", "dpu0", "evict-host", "{drain: {}}");

        await("the drain done").atMost(WAIT).until(() -> host.prepare(dpu));

        assertThat(client.nodes().withName("evict-host").get().getSpec().getUnschedulable()).as("cordoned").isTrue();
        assertThat(podsOn("evict-host")).as("only the DaemonSet pod is left, the same one")
                .extracting(p -> p.getMetadata().getUid()).containsExactly(agentUid);
        await("the ReplicaSet's replacement waits for another node").atMost(WAIT).untilAsserted(() -> assertThat(
                client.pods().inNamespace("evict").withLabel("app", "web").list().getItems()).singleElement()
                .satisfies(p -> assertThat(p.getSpec().getNodeName()).isNull()));
    }

    @Test
    void aBudgetThatAllowsNoDisruptionHoldsTheDrainNamedInTheConditionUntilItIsRelaxed() {
        bed.hostNode("budget-host");
        bed.namespace("budget");
        deployment("budget", "db", "budget-host", 2);
        client.policy().v1().podDisruptionBudget().inNamespace("budget").resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("db-quorum").endMetadata().withNewSpec()
                .withMinAvailable(new IntOrString(2)).withNewSelector().addToMatchLabels("app", "db").endSelector()
                .endSpec().build()).create();
        await("db-quorum computed: 2 of 2 healthy").atMost(WAIT).until(() -> {
            var status = client.policy().v1().podDisruptionBudget().inNamespace("budget").withName("db-quorum").get()
                    .getStatus();
            return status != null && Integer.valueOf(2).equals(status.getCurrentHealthy());
        });
        List<String> dbPods = podsOn("budget-host").stream().map(p -> p.getMetadata().getName()).sorted().toList();
        DPU dpu = bed.dpu("budget", "dpu0", "budget-host", "{drain: {}}");

        long started = System.nanoTime();
        assertThat(host.prepare(dpu)).as("the drain is held").isFalse();
        assertThat(host.prepare(dpu)).as("and stays held on the next pass").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("two refused passes return at once, "
                + "without retrying the 429s").isLessThan(Duration.ofSeconds(5));

        assertThat(ready(dpu).getMessage()).isEqualTo("draining host Node budget-host before the install: "
                + "pod budget/" + dbPods.get(0) + " (eviction refused by PodDisruptionBudget db-quorum: 2 healthy, "
                + "2 required, 0 disruptions allowed); pod budget/" + dbPods.get(1) + " (eviction refused by "
                + "PodDisruptionBudget db-quorum: 2 healthy, 2 required, 0 disruptions allowed)");
        assertThat(ready(dpu).getStatus()).isEqualTo("False");
        assertThat(podsOn("budget-host")).as("no pod evicted, none deleted").hasSize(2)
                .allSatisfy(p -> assertThat(p.getMetadata().getDeletionTimestamp()).isNull());
        // Events are written in the background.
        await().atMost(WAIT).untilAsserted(() -> assertThat(warnings(dpu)).as("one Warning event for the unchanged "
                + "blockage").singleElement().satisfies(e -> {
                    assertThat(e.getReason()).isEqualTo("EvictionBlocked");
                    assertThat(e.getMessage()).isEqualTo(ready(dpu).getMessage());
                }));

        client.policy().v1().podDisruptionBudget().inNamespace("budget").withName("db-quorum").edit(b -> {
            b.getSpec().setMinAvailable(new IntOrString(0));
            return b;
        });
        await("the drain done once the budget allows it").atMost(WAIT).until(() -> host.prepare(dpu));
        assertThat(podsOn("budget-host")).isEmpty();
    }

    @Test
    void aPodWithoutAControllerIsNotEvictedAndHoldsTheDrainPastItsTimeoutWithoutEverBeingForced() {
        bed.hostNode("bare-host");
        bed.namespace("bare");
        client.pods().inNamespace("bare").resource(new PodBuilder().withNewMetadata().withName("scratch").endMetadata()
                .withNewSpec().withNodeName("bare-host").addNewContainer().withName("main")
                .withImage("example.invalid/scratch:1").endContainer().endSpec().build()).create();
        DPU dpu = bed.dpu("bare", "dpu0", "bare-host", "{drain: {timeout: 10m}}");

        assertThat(host.prepare(dpu)).isFalse();
        assertThat(ready(dpu).getMessage()).isEqualTo("draining host Node bare-host before the install: pod bare/scratch "
                + "has no controller (nothing would recreate it, so it is not evicted: delete or move it)");

        clock.advance(Duration.ofMinutes(11));
        assertThat(host.prepare(dpu)).isFalse();
        assertThat(ready(dpu).getMessage()).startsWith("drain of host Node bare-host blocked for longer than "
                + "drain.timeout 10m (since ").endsWith("); pods are never forced, the drain keeps trying: "
                + "pod bare/scratch has no controller (nothing would recreate it, so it is not evicted: delete or move it)");
        await().atMost(WAIT).untilAsserted(() -> assertThat(warnings(dpu)).extracting(Event::getReason)
                .containsExactlyInAnyOrder("EvictionBlocked", "DrainTimedOut"));
        assertThat(client.pods().inNamespace("bare").withName("scratch").get().getMetadata().getDeletionTimestamp())
                .as("the pod is left alone").isNull();

        client.pods().inNamespace("bare").withName("scratch").delete();
        await("the drain done once the pod is gone").atMost(WAIT).until(() -> host.prepare(dpu));
    }

    @Test
    void aDpuWhoseNodeEffectBecameNoneStillGivesBackTheTaintItHolds() {
        bed.hostNode("changed-host");
        bed.namespace("changed");
        DPU tainting = bed.dpu("changed", "dpu0", "changed-host", "{taint: {key: dpuplane.io/provisioning}}");
        assertThat(host.prepare(tainting)).isTrue();
        assertThat(taintKeys("changed-host")).contains("dpuplane.io/provisioning");
        assertThat(tainting.getStatus().getAtProvider().getHostNodeEffect()).isEqualTo("taint:dpuplane.io/provisioning");

        DPU none = withNodeEffectNone(tainting);
        assertThat(none.getSpec().getForProvider().nodeEffect().none()).as("the spec now asks for none").isTrue();
        host.release(none);

        assertThat(taintKeys("changed-host")).doesNotContain("dpuplane.io/provisioning");
        assertThat(none.getStatus().getAtProvider().getHostNodeEffect()).as("holds nothing any more").isNull();
    }

    /** The DPU as it reads after its spec was changed to {@code nodeEffect: {none: true}}, its status kept. */
    @SuppressWarnings("unchecked")
    private static DPU withNodeEffectNone(DPU dpu) {
        Map<String, Object> copy = Serialization.unmarshal(Serialization.asJson(dpu), Map.class);
        ((Map<String, Object>) ((Map<String, Object>) copy.get("spec")).get("forProvider")).put("nodeEffect",
                Map.of("none", true));
        return Serialization.unmarshal(Serialization.asJson(copy), DPU.class);
    }

    private List<String> taintKeys(String node) {
        var taints = client.nodes().withName(node).get().getSpec().getTaints();
        return taints == null ? List.of() : taints.stream().map(t -> t.getKey()).toList();
    }

    private void deployment(String namespace, String name, String node, int replicas) {
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder().withNewMetadata()
                .withName(name).endMetadata().withNewSpec().withReplicas(replicas).withNewSelector()
                .addToMatchLabels("app", name).endSelector().withNewTemplate().withNewMetadata().addToLabels("app", name)
                .endMetadata().withNewSpec().withNodeSelector(Map.of("drain-test/host", node))
                .withTerminationGracePeriodSeconds(5L).addNewContainer().withName(name)
                .withImage("example.invalid/" + name + ":1").endContainer().endSpec().endTemplate().endSpec().build())
                .create();
    }

    private void daemonSet(String namespace, String name, String node) {
        client.apps().daemonSets().inNamespace(namespace).resource(new DaemonSetBuilder().withNewMetadata()
                .withName(name).endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .withNodeSelector(Map.of("drain-test/host", node)).addNewContainer().withName(name)
                .withImage("example.invalid/" + name + ":1").endContainer().endSpec().endTemplate().endSpec().build())
                .create();
    }

    private List<Pod> podsOn(String node) {
        return client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String uidOf(List<Pod> pods, String app) {
        return pods.stream().filter(p -> app.equals(p.getMetadata().getLabels().get("app"))).findFirst().orElseThrow()
                .getMetadata().getUid();
    }

    private static Condition ready(DPU dpu) {
        return Conditions.find(dpu.getStatus().getConditions(), Conditions.READY).orElseThrow();
    }

    private List<Event> warnings(DPU dpu) {
        return client.v1().events().inNamespace(dpu.getMetadata().getNamespace()).list().getItems().stream()
                .filter(e -> dpu.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
                .filter(e -> "Warning".equals(e.getType())).toList();
    }
}
