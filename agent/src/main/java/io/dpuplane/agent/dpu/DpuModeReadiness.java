package io.dpuplane.agent.dpu;

import io.dpuplane.agent.dpu.sync.AgentHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the agent is not in DPU mode, or its last pass over br-sfc succeeded. */
@Readiness
@ApplicationScoped
public class DpuModeReadiness implements HealthCheck {

    private final DpuMode mode;

    DpuModeReadiness(DpuMode mode) {
        this.mode = mode;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dpu-mode");
        AgentHealth health = mode.health().orElse(null);
        if (health == null) {
            return response.up().withData("enabled", false).build();
        }
        response.status(health.healthy()).withData("enabled", true).withData("passes", health.passes());
        if (health.lastError() != null) {
            response.withData("lastError", health.lastError());
        }
        if (health.last() != null) {
            response.withData("chainsProgrammed", health.last().chainsProgrammed())
                    .withData("chains", health.last().chains())
                    .withData("flowsInstalled", health.last().flowsInstalled());
        }
        return response.build();
    }
}
