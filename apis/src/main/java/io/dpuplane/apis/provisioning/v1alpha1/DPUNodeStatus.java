package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** A host's liveness and card count, refreshed by its agent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DPUNodeStatus(
        @JsonPropertyDescription("When the agent last reported in (RFC 3339); an old heartbeat means a dead agent.")
        String lastHeartbeatTime,
        @Min(0)
        @JsonPropertyDescription("Number of BlueField cards the agent found (one DPUDevice each).")
        Integer devices) {
}
