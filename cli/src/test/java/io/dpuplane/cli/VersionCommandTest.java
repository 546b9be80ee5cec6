package io.dpuplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class VersionCommandTest {

    @Test
    @Launch("version")
    void versionPrintsTheBuildAndTheVersionsItIsTestedAgainst(LaunchResult result) {
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput())
                .containsPattern("dpuplane \\d+\\.\\d+\\.\\d+")
                .containsPattern("kubernetes\\s+\\d+\\.\\d+\\.\\d+")
                .containsPattern("crossplane\\s+\\d+\\.\\d+\\.\\d+");
    }

    @Test
    @Launch(value = "frobnicate", exitCode = 2)
    void unknownCommandExitsWithUsageError(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("Unmatched argument").contains("frobnicate");
    }
}
