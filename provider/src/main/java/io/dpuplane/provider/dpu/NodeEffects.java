package io.dpuplane.provider.dpu;

import io.dpuplane.apis.provisioning.v1alpha1.NodeEffect;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What happens to the host Node while its DPU is provisioned: nothing, a label, a taint, or a cordon (the
 * first step of a drain), applied before the install and removed once the DPU is Ready.
 */
final class NodeEffects {

    private final KubernetesClient client;

    NodeEffects(KubernetesClient client) {
        this.client = client;
    }

    void apply(String nodeName, NodeEffect effect) {
        edit(nodeName, effect, true);
    }

    void remove(String nodeName, NodeEffect effect) {
        edit(nodeName, effect, false);
    }

    private void edit(String nodeName, NodeEffect effect, boolean on) {
        if (effect == null || Boolean.TRUE.equals(effect.none())) {
            return;
        }
        Node node = client.nodes().withName(nodeName).get();
        if (node == null) {
            if (on) {
                throw new IllegalStateException("host Node " + nodeName + " does not exist");
            }
            return;
        }
        client.nodes().withName(nodeName).edit(n -> {
            if (effect.label() != null) {
                Map<String, String> labels = new HashMap<>(n.getMetadata().getLabels() == null ? Map.of()
                        : n.getMetadata().getLabels());
                if (on) {
                    labels.put(effect.label().key(), effect.label().value() == null ? "" : effect.label().value());
                } else {
                    labels.remove(effect.label().key());
                }
                n.getMetadata().setLabels(labels);
            }
            if (effect.taint() != null) {
                List<Taint> taints = new ArrayList<>(n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints());
                taints.removeIf(t -> t.getKey().equals(effect.taint().key()));
                if (on) {
                    taints.add(new TaintBuilder().withKey(effect.taint().key()).withValue(effect.taint().value())
                            .withEffect(effect.taint().effect() == null ? "NoSchedule" : switch (effect.taint().effect()) {
                                case NO_SCHEDULE -> "NoSchedule";
                                case PREFER_NO_SCHEDULE -> "PreferNoSchedule";
                                case NO_EXECUTE -> "NoExecute";
                            })
                            .build());
                }
                n.getSpec().setTaints(taints);
            }
            if (effect.drain() != null) {
                n.getSpec().setUnschedulable(on);
            }
            return n;
        });
    }
}
