package io.dpuplane.provider.dpu;

import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The effects on host Nodes, held per DPU: a DPU holds its effect from before its install until it is Ready
 * (or deleted), and an effect leaves the Node only with the last DPU holding it — two DPUs of one host never
 * undo each other's effect. Who holds what is the Node's {@link EffectHolders} ledger, changed together with
 * the effect in one optimistic-concurrency update, so concurrent reconciles of sibling DPUs cannot race.
 */
final class NodeEffects {

    private static final int ATTEMPTS = 10;

    private final KubernetesClient client;
    private final Clock clock;

    NodeEffects(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** The key a DPU holds effects under. */
    static String holder(DPU dpu) {
        return dpu.getMetadata().getNamespace() + "/" + dpu.getMetadata().getName();
    }

    /**
     * Puts the effect on the Node for this holder (or confirms it is there) and returns since when the holder
     * has held it — kept across calls, so a drain timeout counts from the first one.
     */
    Instant hold(String nodeName, String holder, HostEffect effect) {
        return update(nodeName, true, node -> {
            EffectHolders holders = EffectHolders.on(node);
            Instant since = holders.of(holder).filter(h -> h.effect().equals(effect.id()))
                    .map(h -> Instant.parse(h.since())).orElse(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
            Optional<EffectHolders.Hold> previous = holders.of(holder);
            // What the Node had of this effect before any DPU took it (an administrator's cordon, say) is kept in
            // the ledger, so the last DPU to leave puts it back instead of removing it.
            String found = holders.anyHolds(effect.id()) ? holders.before(effect.id()).orElse(null)
                    : effect.foundOn(node).orElse(null);
            holders.put(holder, new EffectHolders.Hold(effect.id(), since.toString(), found));
            previous.filter(p -> !p.effect().equals(effect.id())).ifPresent(p -> {
                if (!holders.anyHolds(p.effect())) {
                    // The DPU's nodeEffect changed while it held the old one: nobody needs the old one any more.
                    giveBack(node, p.effect(), Optional.ofNullable(p.before()));
                }
            });
            effect.applyTo(node);
            holders.writeTo(node);
            return since;
        });
    }

    /**
     * Drops the holder and removes each effect no remaining holder needs — the ones on the ledger, and the
     * holder's own {@code current} effect (applied before the ledger existed). Holders whose DPU no longer
     * exists (deleted without a release) are dropped too, so they cannot keep a host cordoned for ever.
     */
    void release(String nodeName, String holder, Optional<HostEffect> current) {
        update(nodeName, false, node -> {
            EffectHolders holders = EffectHolders.on(node);
            Map<String, Optional<String>> effects = new HashMap<>();
            current.ifPresent(e -> effects.put(e.id(), Optional.empty()));
            holders.holders().forEach(h -> holders.of(h).ifPresent(hold -> effects.put(hold.effect(),
                    holders.before(hold.effect()))));
            holders.remove(holder);
            holders.removeIf(other -> !dpuExists(other));
            effects.forEach((effect, before) -> {
                if (!holders.anyHolds(effect)) {
                    giveBack(node, effect, before);
                }
            });
            holders.writeTo(node);
            return null;
        });
    }

    /** Takes an effect no DPU needs any more off the Node, or puts back what the Node had before the DPUs came. */
    private static void giveBack(Node node, String effectId, Optional<String> before) {
        HostEffect effect = HostEffect.fromId(effectId);
        before.ifPresentOrElse(b -> effect.restore(node, b), () -> effect.removeFrom(node));
    }

    /** Reads, changes and writes the Node with its resourceVersion; a conflict reads it again. */
    private <T> T update(String nodeName, boolean mustExist, Function<Node, T> change) {
        for (int attempt = 1; ; attempt++) {
            Node node = client.nodes().withName(nodeName).get();
            if (node == null) {
                if (mustExist) {
                    throw new IllegalStateException("host Node " + nodeName + " does not exist");
                }
                return null;
            }
            Node before = new NodeBuilder(node).build();
            T result = change.apply(node);
            if (node.equals(before)) {
                return result;
            }
            try {
                client.nodes().resource(node).update();
                return result;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private boolean dpuExists(String holder) {
        String[] key = holder.split("/", 2);
        return key.length == 2 && client.resources(DPU.class).inNamespace(key[0]).withName(key[1]).get() != null;
    }
}
