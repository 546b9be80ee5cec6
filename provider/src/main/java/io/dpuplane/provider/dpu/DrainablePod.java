package io.dpuplane.provider.dpu;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Optional;

/**
 * What a drain does with one pod of the host Node, decided as {@code kubectl drain} does without
 * {@code --force}: DaemonSet pods, mirror (static) pods and finished pods stay; a terminating pod is waited
 * for until its grace period ends; a pod with a controller is evicted; a pod without a controller is
 * <em>not</em> evicted — nothing would bring it back — and holds the drain until someone deletes or moves it.
 */
enum DrainablePod {
    /** Stays on the Node: the drain neither evicts it nor waits for it. */
    LEFT,
    /** Already going: the drain waits until it is gone or its grace period is over. */
    TERMINATING,
    /** Evicted through the Eviction API. */
    EVICT,
    /** No controller would recreate it: the drain stops at it. */
    UNMANAGED;

    private static final String MIRROR = "kubernetes.io/config.mirror";

    static DrainablePod of(Pod pod, Instant now) {
        if (pod.getMetadata().getAnnotations() != null && pod.getMetadata().getAnnotations().containsKey(MIRROR)) {
            return LEFT;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return LEFT;
        }
        Optional<OwnerReference> controller = controller(pod);
        if (controller.map(c -> "DaemonSet".equals(c.getKind())).orElse(false)) {
            return LEFT;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            // deletionTimestamp is when the grace period ends: a pod past it (a dead kubelet) no longer holds us.
            return Instant.parse(pod.getMetadata().getDeletionTimestamp()).isAfter(now) ? TERMINATING : LEFT;
        }
        return controller.isPresent() ? EVICT : UNMANAGED;
    }

    private static Optional<OwnerReference> controller(Pod pod) {
        return pod.getMetadata().getOwnerReferences() == null ? Optional.empty()
                : pod.getMetadata().getOwnerReferences().stream().filter(o -> Boolean.TRUE.equals(o.getController()))
                        .findFirst();
    }
}
