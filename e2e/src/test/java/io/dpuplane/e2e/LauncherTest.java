package io.dpuplane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.os.Command;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs {@code bin/dpuplane} exactly as the README tells a user to, after the build. */
class LauncherTest {

    private static Command.Result dpuplane(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(ProjectLayout.root().resolve("bin/dpuplane").toString()));
        command.addAll(List.of(args));
        return Command.exec(command, Map.of(), Duration.ofSeconds(60));
    }

    @Test
    void versionPrintsTheBuiltVersionAndThePinnedControlPlaneVersions() {
        Command.Result result = dpuplane("version").orThrow();
        assertThat(result.stdout())
                .contains("dpuplane 0.")
                .contains("kubernetes  " + ProjectLayout.testenvVersion("K8S_VERSION"))
                .contains("crossplane  " + ProjectLayout.testenvVersion("CROSSPLANE_VERSION"));
    }

    @Test
    void helpListsTheCommands() {
        assertThat(dpuplane("--help").orThrow().stdout()).contains("Usage: dpuplane").contains("version");
    }
}
