package io.dpuplane.e2e.provisioning.bench;

import io.dpuplane.apis.provisioning.v1alpha1.DPU;
import io.dpuplane.runtime.managed.CrossplaneAnnotations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the provider's time went before each install began, from the DPUs' own Crossplane annotations: from
 * the DPU's creation to its first create attempt (queueing, reads, the finalizer), and from there to the
 * create's success (bootstrap token, the agent's StartInstall, the annotation write).
 */
record CreateTimeline(List<Create> creates) {

    /** One DPU: created, create attempted (create-pending), create recorded (create-succeeded). */
    record Create(Instant created, Instant pending, Instant succeeded) {
    }

    static CreateTimeline of(List<DPU> dpus) {
        return new CreateTimeline(dpus.stream().map(CreateTimeline::create).flatMap(Optional::stream).toList());
    }

    private static Optional<Create> create(DPU dpu) {
        Map<String, String> annotations = dpu.getMetadata().getAnnotations();
        if (annotations == null || !annotations.containsKey(CrossplaneAnnotations.CREATE_PENDING)
                || !annotations.containsKey(CrossplaneAnnotations.CREATE_SUCCEEDED)) {
            return Optional.empty();
        }
        return Optional.of(new Create(Instant.parse(dpu.getMetadata().getCreationTimestamp()),
                Instant.parse(annotations.get(CrossplaneAnnotations.CREATE_PENDING)),
                Instant.parse(annotations.get(CrossplaneAnnotations.CREATE_SUCCEEDED))));
    }

    Duration untilFirstAttempt(double q) {
        return quantile(q, c -> Duration.between(c.created(), c.pending()));
    }

    Duration createCall(double q) {
        return quantile(q, c -> Duration.between(c.pending(), c.succeeded()));
    }

    private Duration quantile(double q, Function<Create, Duration> what) {
        List<Duration> sorted = creates.stream().map(what).sorted().toList();
        return sorted.isEmpty() ? Duration.ZERO : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }
}
