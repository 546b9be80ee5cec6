package io.dpuplane.provider.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.apis.provisioning.v1alpha1.NodeEffect;
import io.dpuplane.apis.provisioning.v1alpha1.NodeLabel;
import io.dpuplane.apis.provisioning.v1alpha1.NodeTaint;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Node effects are held per DPU, on a real API server: an effect stays on a host Node while any DPU of the
 * host holds it and leaves with the last, whatever order the DPUs finish in and however their reconciles
 * interleave.
 */
class NodeEffectsTest {

    private static final HostEffect CORDON = new HostEffect.Cordon();

    private final DrainBed bed = DrainBed.get();
    private final KubernetesClient client = bed.client;
    private final NodeEffects effects = new NodeEffects(client, Clock.systemUTC());

    @Test
    void anEffectStaysWhileAnyDpuOfTheHostHoldsItAndLeavesWithTheLast() {
        bed.hostNode("two-dpus");
        bed.namespace("two-dpus");
        bed.dpu("two-dpus", "dpu0", "two-dpus", "{drain: {}}");
        bed.dpu("two-dpus", "dpu1", "two-dpus", "{drain: {}}");
        effects.hold("two-dpus", "two-dpus/dpu0", CORDON);
        effects.hold("two-dpus", "two-dpus/dpu1", CORDON);

        effects.release("two-dpus", "two-dpus/dpu0", Optional.of(CORDON));
        assertThat(node("two-dpus").getSpec().getUnschedulable()).as("dpu1 still provisions").isTrue();
        assertThat(node("two-dpus").getMetadata().getAnnotations().get(EffectHolders.ANNOTATION))
                .contains("two-dpus/dpu1").doesNotContain("two-dpus/dpu0");

        effects.release("two-dpus", "two-dpus/dpu1", Optional.of(CORDON));
        assertThat(node("two-dpus").getSpec().getUnschedulable()).as("uncordoned with the last").isNull();
        assertThat(node("two-dpus").getMetadata().getAnnotations()).doesNotContainKey(EffectHolders.ANNOTATION);
    }

    @Test
    void siblingsWithDifferentEffectsEachTakeOnlyTheirOwnAway() {
        bed.hostNode("mixed");
        bed.namespace("mixed");
        bed.dpu("mixed", "labelled", "mixed", "{label: {key: dpuplane.io/provisioning, value: 'true'}}");
        bed.dpu("mixed", "tainted", "mixed", "{taint: {key: dpuplane.io/maintenance, effect: NoExecute}}");
        HostEffect label = HostEffect.of(new NodeEffect(null, null, new NodeLabel("dpuplane.io/provisioning", "true"),
                null)).orElseThrow();
        HostEffect taint = HostEffect.of(new NodeEffect(null, new NodeTaint("dpuplane.io/maintenance", null,
                io.dpuplane.apis.provisioning.v1alpha1.TaintEffect.NO_EXECUTE), null, null)).orElseThrow();
        effects.hold("mixed", "mixed/labelled", label);
        effects.hold("mixed", "mixed/tainted", taint);
        assertThat(taints("mixed")).extracting(Taint::getKey, Taint::getEffect)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dpuplane.io/maintenance", "NoExecute"));

        effects.release("mixed", "mixed/tainted", Optional.of(taint));
        assertThat(taints("mixed")).isEmpty();
        assertThat(node("mixed").getMetadata().getLabels()).containsEntry("dpuplane.io/provisioning", "true");

        effects.release("mixed", "mixed/labelled", Optional.of(label));
        assertThat(node("mixed").getMetadata().getLabels()).doesNotContainKey("dpuplane.io/provisioning");
    }

    @Test
    void aCordonAnAdministratorPutOnTheHostBeforeStaysAfterTheLastDpuLeaves() {
        bed.hostNode("admin-cordon");
        bed.namespace("admin-cordon");
        bed.dpu("admin-cordon", "dpu0", "admin-cordon", "{drain: {}}");
        bed.dpu("admin-cordon", "dpu1", "admin-cordon", "{drain: {}}");
        editNode("admin-cordon", n -> n.getSpec().setUnschedulable(true));
        effects.hold("admin-cordon", "admin-cordon/dpu0", CORDON);
        effects.hold("admin-cordon", "admin-cordon/dpu1", CORDON);

        effects.release("admin-cordon", "admin-cordon/dpu0", Optional.of(CORDON));
        effects.release("admin-cordon", "admin-cordon/dpu1", Optional.of(CORDON));

        assertThat(node("admin-cordon").getSpec().getUnschedulable()).as("the administrator's cordon").isTrue();
        assertThat(node("admin-cordon").getMetadata().getAnnotations()).doesNotContainKey(EffectHolders.ANNOTATION);
    }

    @Test
    void aLabelOrTaintTheHostHadBeforeGetsItsOwnValueBack() {
        bed.hostNode("own-values");
        bed.namespace("own-values");
        bed.dpu("own-values", "dpu0", "own-values", "{label: {key: team, value: provisioning}}");
        editNode("own-values", n -> {
            n.getMetadata().getLabels().put("team", "storage");
            n.getSpec().setTaints(List.of(new io.fabric8.kubernetes.api.model.TaintBuilder()
                    .withKey("dpuplane.io/maintenance").withValue("disks").withEffect("PreferNoSchedule").build()));
        });
        HostEffect label = HostEffect.of(new NodeEffect(null, null, new NodeLabel("team", "provisioning"), null))
                .orElseThrow();
        HostEffect taint = HostEffect.of(new NodeEffect(null, new NodeTaint("dpuplane.io/maintenance", null,
                io.dpuplane.apis.provisioning.v1alpha1.TaintEffect.NO_EXECUTE), null, null)).orElseThrow();
        effects.hold("own-values", "own-values/dpu0", label);
        assertThat(node("own-values").getMetadata().getLabels()).containsEntry("team", "provisioning");
        effects.hold("own-values", "own-values/dpu0", taint);
        assertThat(node("own-values").getMetadata().getLabels()).as("the label given back when the effect changed")
                .containsEntry("team", "storage");

        effects.release("own-values", "own-values/dpu0", Optional.of(taint));

        assertThat(taints("own-values")).extracting(Taint::getKey, Taint::getValue, Taint::getEffect).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dpuplane.io/maintenance", "disks", "PreferNoSchedule"));
    }

    @Test
    void aHolderWhoseDpuIsGoneNoLongerKeepsTheHostCordoned() {
        bed.hostNode("stale");
        bed.namespace("stale");
        bed.dpu("stale", "dpu0", "stale", "{drain: {}}");
        effects.hold("stale", "stale/dpu0", CORDON);
        effects.hold("stale", "stale/deleted-long-ago", CORDON);

        effects.release("stale", "stale/dpu0", Optional.of(CORDON));

        assertThat(node("stale").getSpec().getUnschedulable()).isNull();
        assertThat(node("stale").getMetadata().getAnnotations()).doesNotContainKey(EffectHolders.ANNOTATION);
    }

    @Test
    void theDrainTimeoutCountsFromTheFirstHoldNotTheLatest() {
        bed.hostNode("since");
        MovableClock clock = new MovableClock();
        NodeEffects effects = new NodeEffects(client, clock);
        Instant first = effects.hold("since", "since/dpu0", CORDON);
        clock.advance(Duration.ofMinutes(5));
        assertThat(effects.hold("since", "since/dpu0", CORDON)).isEqualTo(first);
    }

    @Test
    void siblingsReconciledConcurrentlyNeverDropEachOthersHold() throws Exception {
        bed.hostNode("racing");
        bed.namespace("racing");
        bed.dpu("racing", "steady", "racing", "{drain: {}}");
        bed.dpu("racing", "flapping", "racing", "{drain: {}}");
        effects.hold("racing", "racing/steady", CORDON);
        NodeEffects other = new NodeEffects(bed.plane.newClient(), Clock.systemUTC());

        CompletableFuture<Void> steady = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20; i++) {
                effects.hold("racing", "racing/steady", CORDON);
            }
        });
        CompletableFuture<Void> flapping = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20; i++) {
                other.hold("racing", "racing/flapping", CORDON);
                other.release("racing", "racing/flapping", Optional.of(CORDON));
            }
        });
        CompletableFuture.allOf(steady, flapping).get(120, TimeUnit.SECONDS);

        assertThat(node("racing").getSpec().getUnschedulable()).as("steady still holds the cordon").isTrue();
        assertThat(node("racing").getMetadata().getAnnotations().get(EffectHolders.ANNOTATION))
                .contains("racing/steady").doesNotContain("racing/flapping");
    }

    private Node node(String name) {
        return client.nodes().withName(name).get();
    }

    private List<Taint> taints(String node) {
        return Optional.ofNullable(node(node).getSpec().getTaints()).orElse(List.of()).stream()
                .filter(t -> t.getKey().startsWith("dpuplane.io/")).toList();
    }

    /**
     * What an administrator does to a Node, retried as kubectl's edit would be: a new Node is written meanwhile by
     * the control plane (its controllers, its played kubelet), and a change made on a copy read before is refused.
     */
    private void editNode(String name, Consumer<Node> change) {
        for (int attempt = 1; ; attempt++) {
            Node node = client.nodes().withName(name).get();
            change.accept(node);
            try {
                client.nodes().resource(node).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
