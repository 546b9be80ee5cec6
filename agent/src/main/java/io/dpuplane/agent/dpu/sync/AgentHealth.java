package io.dpuplane.agent.dpu.sync;

import java.time.Instant;

/**
 * How the DPU agent is doing: whether its last pass succeeded, how many passes it ran, the last pass's report
 * and the last error.
 */
public record AgentHealth(boolean healthy, long passes, Instant lastSuccess, String lastError, PassReport last) {
}
