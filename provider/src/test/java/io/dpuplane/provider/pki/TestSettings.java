package io.dpuplane.provider.pki;

import java.time.Duration;
import java.util.Optional;

/** Agent-certificate settings with short, round lifetimes, so a test can step a clock through a rotation. */
record TestSettings(String mode, Duration validity, Duration renewBefore, Duration caValidity, Duration caRenewBefore,
        Duration propagation) implements AgentCertificateSettings {

    static TestSettings days() {
        return new TestSettings("provider", Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(3650),
                Duration.ofDays(365), Duration.ofMinutes(10));
    }

    @Override
    public Optional<String> namespace() {
        return Optional.empty();
    }

    @Override
    public Duration checkInterval() {
        return Duration.ofMinutes(1);
    }
}
