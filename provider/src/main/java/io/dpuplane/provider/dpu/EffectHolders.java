package io.dpuplane.provider.dpu;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Which DPUs hold an effect on a host Node, which effect and since when: the host Node's annotation
 * {@value #ANNOTATION}, e.g. {@code {"fleet/host1-dpu0":{"effect":"cordon","since":"2026-11-28T10:00:00Z"}}}.
 * Kept on the Node itself, so it survives provider restarts and every DPU of the host reads the same ledger.
 */
final class EffectHolders {

    static final String ANNOTATION = "provisioning.dpuplane.io/node-effect-holders";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Hold>> TYPE = new TypeReference<>() {
    };

    /**
     * One DPU's hold: the {@link HostEffect#id()} it needs, when it first asked (ISO-8601), and what the Node had
     * of that effect before any DPU took it ({@link HostEffect#foundOn}; {@code null}: nothing), which every
     * holder of the effect carries so the last one to leave can put it back.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Hold(String effect, String since, String before) {

        Hold(String effect, String since) {
            this(effect, since, null);
        }
    }

    private final TreeMap<String, Hold> holds;

    private EffectHolders(TreeMap<String, Hold> holds) {
        this.holds = holds;
    }

    /** The ledger on a Node; an unreadable one (edited by hand) counts as empty rather than wedging the host. */
    static EffectHolders on(Node node) {
        String text = Optional.ofNullable(node.getMetadata().getAnnotations()).map(a -> a.get(ANNOTATION)).orElse(null);
        if (text == null || text.isBlank()) {
            return new EffectHolders(new TreeMap<>());
        }
        try {
            return new EffectHolders(JSON.readValue(text, TYPE));
        } catch (JsonProcessingException e) {
            return new EffectHolders(new TreeMap<>());
        }
    }

    Optional<Hold> of(String holder) {
        return Optional.ofNullable(holds.get(holder));
    }

    void put(String holder, Hold hold) {
        holds.put(holder, hold);
    }

    void remove(String holder) {
        holds.remove(holder);
    }

    void removeIf(Predicate<String> holder) {
        holds.keySet().removeIf(holder);
    }

    List<String> holders() {
        return List.copyOf(holds.keySet());
    }

    /** What the Node had of this effect before any DPU took it, as a holder of it recorded. */
    Optional<String> before(String effectId) {
        return holds.values().stream().filter(h -> h.effect().equals(effectId) && h.before() != null)
                .map(Hold::before).findFirst();
    }

    /** Whether any DPU still needs this effect. */
    boolean anyHolds(String effectId) {
        return holds.values().stream().anyMatch(h -> h.effect().equals(effectId));
    }

    /** Writes the ledger back onto the Node; an empty one removes the annotation. */
    void writeTo(Node node) {
        Map<String, String> annotations = new HashMap<>(Optional.ofNullable(node.getMetadata().getAnnotations())
                .orElse(Map.of()));
        if (holds.isEmpty()) {
            annotations.remove(ANNOTATION);
        } else {
            try {
                annotations.put(ANNOTATION, JSON.writeValueAsString(holds));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the node-effect holders", e);
            }
        }
        node.getMetadata().setAnnotations(annotations);
    }
}
