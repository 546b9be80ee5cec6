package io.dpuplane.provider;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Reports the settings the provider runs with, so a readiness probe shows a misconfiguration. */
@Readiness
@ApplicationScoped
public class SettingsCheck implements HealthCheck {

    private final ProviderSettings settings;

    public SettingsCheck(ProviderSettings settings) {
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        boolean valid = settings.maxReconcileRate() > 0 && !settings.pollInterval().isNegative()
                && !settings.pollInterval().isZero() && settings.pollJitterPercentage() >= 0
                && settings.pollJitterPercentage() < 100;
        return HealthCheckResponse.named("settings")
                .status(valid)
                .withData("pollInterval", settings.pollInterval().toString())
                .withData("maxReconcileRate", settings.maxReconcileRate())
                .withData("leaderElection", settings.leaderElection())
                .build();
    }
}
