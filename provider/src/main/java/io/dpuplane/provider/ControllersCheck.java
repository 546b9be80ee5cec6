package io.dpuplane.provider;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the controller engine runs and its watches are healthy. */
@Liveness
@ApplicationScoped
public class ControllersCheck implements HealthCheck {

    private final ControllerManager controllers;

    public ControllersCheck(ControllerManager controllers) {
        this.controllers = controllers;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("controllers")
                .status(controllers.healthy())
                .withData("kinds", String.join(",", controllers.kinds()))
                .build();
    }
}
