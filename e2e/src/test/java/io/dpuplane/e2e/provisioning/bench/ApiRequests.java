package io.dpuplane.e2e.provisioning.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The requests an API server has served, from its own {@code apiserver_request_total}, by
 * "verb resource[/subresource]"; two snapshots subtract to the requests of a time window.
 */
record ApiRequests(Map<String, Double> byKind) {

    static ApiRequests of(KubernetesClient client) {
        PrometheusText metrics = PrometheusText.parse(client.raw("/metrics"));
        Map<String, Double> out = new TreeMap<>();
        for (PrometheusText.Sample s : metrics.all("apiserver_request_total")) {
            String sub = s.label("subresource");
            out.merge(s.label("verb") + " " + s.label("resource") + (sub.isEmpty() ? "" : "/" + sub), s.value(),
                    Double::sum);
        }
        return new ApiRequests(out);
    }

    ApiRequests minus(ApiRequests before) {
        Map<String, Double> out = new TreeMap<>();
        byKind.forEach((k, v) -> {
            double d = v - before.byKind.getOrDefault(k, 0.0);
            if (d > 0) {
                out.put(k, d);
            }
        });
        return new ApiRequests(out);
    }

    double total() {
        return byKind.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double count(String verb, String resource) {
        return byKind.getOrDefault(verb + " " + resource, 0.0);
    }

    /** The requests of these resources ("leases", "nodes/status", ...) whatever the verb. */
    double ofResources(java.util.Set<String> resources) {
        return byKind.entrySet().stream().filter(e -> resources.contains(e.getKey().substring(e.getKey().indexOf(' ') + 1)))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    String table() {
        return byKind.entrySet().stream().map(e -> String.format("    %-45s %8.0f", e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n"));
    }
}
