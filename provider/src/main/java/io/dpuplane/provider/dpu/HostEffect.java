package io.dpuplane.provider.dpu;

import io.dpuplane.apis.provisioning.v1alpha1.NodeEffect;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One effect a DPU's provisioning has on its host Node — a cordon (the first step of a drain), a label or a
 * taint — with an {@link #id()} that says which effect it is, so two DPUs asking for the same one share it.
 */
sealed interface HostEffect {

    /** Which effect this is, whatever its value: {@code cordon}, {@code label:<key>}, {@code taint:<key>}. */
    String id();

    void applyTo(Node node);

    void removeFrom(Node node);

    /** What the Node has of this effect now (set by someone else), to put back later; empty if nothing. */
    Optional<String> foundOn(Node node);

    /** Puts back what {@link #foundOn} found, instead of removing the effect. */
    void restore(Node node, String before);

    /** The effect a DPU's {@code nodeEffect} asks for; empty for {@code none} (or unset). */
    static Optional<HostEffect> of(NodeEffect spec) {
        if (spec == null || Boolean.TRUE.equals(spec.none())) {
            return Optional.empty();
        }
        if (spec.drain() != null) {
            return Optional.of(new Cordon());
        }
        if (spec.label() != null) {
            return Optional.of(new Label(spec.label().key(), spec.label().value() == null ? "" : spec.label().value()));
        }
        if (spec.taint() != null) {
            String effect = spec.taint().effect() == null ? "NoSchedule" : switch (spec.taint().effect()) {
                case NO_SCHEDULE -> "NoSchedule";
                case PREFER_NO_SCHEDULE -> "PreferNoSchedule";
                case NO_EXECUTE -> "NoExecute";
            };
            return Optional.of(new Taint(spec.taint().key(), spec.taint().value(), effect));
        }
        return Optional.empty();
    }

    /** The effect an {@link #id()} names, enough to remove it (removal needs no value). */
    static HostEffect fromId(String id) {
        if (id.startsWith("label:")) {
            return new Label(id.substring("label:".length()), "");
        }
        if (id.startsWith("taint:")) {
            return new Taint(id.substring("taint:".length()), null, "NoSchedule");
        }
        return new Cordon();
    }

    /** spec.unschedulable: no new pods; the drain evicts the ones there. */
    record Cordon() implements HostEffect {
        @Override
        public String id() {
            return "cordon";
        }

        @Override
        public void applyTo(Node node) {
            node.getSpec().setUnschedulable(true);
        }

        @Override
        public void removeFrom(Node node) {
            node.getSpec().setUnschedulable(null);
        }

        @Override
        public Optional<String> foundOn(Node node) {
            return Boolean.TRUE.equals(node.getSpec().getUnschedulable()) ? Optional.of("unschedulable") : Optional.empty();
        }

        @Override
        public void restore(Node node, String before) {
            node.getSpec().setUnschedulable(true);
        }
    }

    record Label(String key, String value) implements HostEffect {
        @Override
        public String id() {
            return "label:" + key;
        }

        @Override
        public void applyTo(Node node) {
            Map<String, String> labels = new HashMap<>(Optional.ofNullable(node.getMetadata().getLabels()).orElse(Map.of()));
            labels.put(key, value);
            node.getMetadata().setLabels(labels);
        }

        @Override
        public void removeFrom(Node node) {
            Map<String, String> labels = new HashMap<>(Optional.ofNullable(node.getMetadata().getLabels()).orElse(Map.of()));
            labels.remove(key);
            node.getMetadata().setLabels(labels);
        }

        @Override
        public Optional<String> foundOn(Node node) {
            return Optional.ofNullable(node.getMetadata().getLabels()).map(l -> l.get(key));
        }

        @Override
        public void restore(Node node, String before) {
            new Label(key, before).applyTo(node);
        }
    }

    record Taint(String key, String value, String effect) implements HostEffect {
        @Override
        public String id() {
            return "taint:" + key;
        }

        @Override
        public void applyTo(Node node) {
            List<io.fabric8.kubernetes.api.model.Taint> taints = others(node);
            taints.add(new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build());
            node.getSpec().setTaints(taints);
        }

        @Override
        public void removeFrom(Node node) {
            node.getSpec().setTaints(others(node));
        }

        /** The taint as {@code <effect>=<value>} (value may be empty). */
        @Override
        public Optional<String> foundOn(Node node) {
            return Optional.ofNullable(node.getSpec().getTaints()).orElse(List.of()).stream()
                    .filter(t -> key.equals(t.getKey())).findFirst()
                    .map(t -> t.getEffect() + "=" + Optional.ofNullable(t.getValue()).orElse(""));
        }

        @Override
        public void restore(Node node, String before) {
            String[] parts = before.split("=", 2);
            new Taint(key, parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null, parts[0]).applyTo(node);
        }

        private List<io.fabric8.kubernetes.api.model.Taint> others(Node node) {
            List<io.fabric8.kubernetes.api.model.Taint> taints = new ArrayList<>(
                    Optional.ofNullable(node.getSpec().getTaints()).orElse(List.of()));
            taints.removeIf(t -> key.equals(t.getKey()));
            return taints;
        }
    }
}
