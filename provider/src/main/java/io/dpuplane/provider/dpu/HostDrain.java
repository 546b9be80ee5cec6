package io.dpuplane.provider.dpu;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One pass of draining a cordoned host Node: evicts its pods through the Eviction API (policy/v1), so
 * PodDisruptionBudgets are honoured, and reports what is left. Never deletes a pod, never forces one, never
 * waits: a pass that leaves pods says which and why, and the DPU's next reconcile runs the next pass.
 */
final class HostDrain {

    /** What a pass left: {@code blocking} (a budget, no controller) and {@code terminating} pods, by name. */
    record Pass(List<String> blocking, List<String> terminating) {
        boolean done() {
            return blocking.isEmpty() && terminating.isEmpty();
        }
    }

    private final KubernetesClient client;
    private final KubernetesClient evictions;
    private final DisruptionBudgets budgets;
    private final Clock clock;

    HostDrain(KubernetesClient client, Clock clock) {
        this.client = client;
        // A refused eviction is an answer, not a failure: without this the client retries each 429 with backoff
        // for a minute or more, holding the reconcile thread.
        this.evictions = client.newClient(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withRequestRetryBackoffLimit(0).build()).adapt(KubernetesClient.class);
        this.budgets = new DisruptionBudgets(client);
        this.clock = clock;
    }

    Pass pass(String nodeName) {
        Instant now = Instant.now(clock);
        List<Pod> pods = new ArrayList<>(client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).list()
                .getItems());
        pods.sort(Comparator.comparing(HostDrain::name));
        List<String> blocking = new ArrayList<>();
        List<String> terminating = new ArrayList<>();
        for (Pod pod : pods) {
            switch (DrainablePod.of(pod, now)) {
                case LEFT -> {
                }
                case TERMINATING -> terminating.add(name(pod));
                case UNMANAGED -> blocking.add("pod " + name(pod) + " has no controller (nothing would recreate it, "
                        + "so it is not evicted: delete or move it)");
                case EVICT -> evict(pod).ifPresentOrElse(refusal -> blocking.add("pod " + name(pod) + " (" + refusal
                        + ")"), () -> terminating.add(name(pod)));
            }
        }
        return new Pass(List.copyOf(blocking), List.copyOf(terminating));
    }

    /** Why the eviction was refused; empty when it was accepted (or the pod is gone already). */
    private Optional<String> evict(Pod pod) {
        try {
            boolean accepted = evictions.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).evict(new EvictionBuilder().withNewMetadata()
                            .withName(pod.getMetadata().getName()).withNamespace(pod.getMetadata().getNamespace())
                            .endMetadata().build());
            // fabric8 answers a 429 (a budget allows no disruption now) with false, and drops which budget.
            return accepted ? Optional.empty() : Optional.of("eviction refused by " + budgets.blocking(pod));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            if (e.getCode() == 0) {
                throw e;
            }
            // e.g. 500 for a pod under two budgets, 403 without RBAC: the server's own words, retried next pass
            return Optional.of("eviction failed: " + e.getCode() + " "
                    + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()));
        }
    }

    private static String name(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
