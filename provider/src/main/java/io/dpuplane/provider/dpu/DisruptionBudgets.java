package io.dpuplane.provider.dpu;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Says which PodDisruptionBudget turned an eviction down (the API server's 429 names none to the client) and
 * how far it is from allowing one, e.g. {@code PodDisruptionBudget web: 2 healthy, 2 required, 0 disruptions allowed}.
 */
final class DisruptionBudgets {

    private final KubernetesClient client;

    DisruptionBudgets(KubernetesClient client) {
        this.client = client;
    }

    /** The budgets covering the pod, described for a user; a placeholder when none is found any more. */
    String blocking(Pod pod) {
        Map<String, String> labels = Optional.ofNullable(pod.getMetadata().getLabels()).orElse(Map.of());
        List<PodDisruptionBudget> budgets = client.policy().v1().podDisruptionBudget()
                .inNamespace(pod.getMetadata().getNamespace()).list().getItems().stream()
                .filter(b -> b.getSpec() != null && matches(b.getSpec().getSelector(), labels)).toList();
        if (budgets.isEmpty()) {
            return "a PodDisruptionBudget (since gone)";
        }
        return budgets.stream().map(DisruptionBudgets::describe).sorted().collect(Collectors.joining(", "));
    }

    private static String describe(PodDisruptionBudget budget) {
        var status = budget.getStatus();
        String name = "PodDisruptionBudget " + budget.getMetadata().getName();
        if (status == null || status.getDesiredHealthy() == null) {
            return name + " (not yet computed by the disruption controller)";
        }
        return name + ": " + status.getCurrentHealthy() + " healthy, " + status.getDesiredHealthy() + " required, "
                + status.getDisruptionsAllowed() + " disruptions allowed";
    }

    /** Label-selector semantics: all matchLabels and matchExpressions hold; an empty selector matches all. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        boolean byLabels = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        return byLabels && Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).stream()
                .allMatch(r -> matches(r, labels));
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = Optional.ofNullable(requirement.getValues()).orElse(List.of());
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }
}
