package io.dpuplane.testkit.crossplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.os.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the Crossplane CLI fixture is the real CLI and validates offline against our generated CRDs. */
class CrossplaneCliTest {

    private final CrossplaneCli cli = CrossplaneCli.pinned();

    @Test
    void reportsThePinnedVersion() {
        assertThat(cli.run("version", "--client").orThrow().stdout()).contains("v" + cli.version());
    }

    @Test
    void validateAcceptsAGoodObjectAndReportsTheCelAndPatternErrorsOfABadOne(@TempDir Path dir) throws IOException {
        Path resources = Files.writeString(dir.resolve("bfbs.yaml"), """
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: BFB
                metadata: {name: good, namespace: default}
                spec: {forProvider: {url: "https://images.example/bf-bundle.bfb"}}
                ---
                apiVersion: provisioning.dpuplane.io/v1alpha1
                kind: BFB
                metadata: {name: bad, namespace: default}
                spec: {forProvider: {url: "ftp://images.example/bf-bundle.bfb", sha256: "XYZ"}}
                """);
        Command.Result result = cli.validate(ProjectLayout.crdsDir(), resources);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout())
                .contains("BFB, good validated successfully")
                .contains("url must be an http:// or https:// URL")
                .contains("spec.forProvider.sha256")
                .contains("1 success cases, 1 failure cases");
    }

    @Test
    void validateKnowsCrossplanesOwnKindsWithoutARegistry(@TempDir Path dir) throws IOException {
        Path resources = Files.writeString(dir.resolve("function.yaml"), """
                apiVersion: pkg.crossplane.io/v1
                kind: Function
                metadata: {name: function-dpuplane}
                spec: {package: "example.invalid/function-dpuplane:v0.1.0"}
                """);
        Command.Result result = cli.validate(ProjectLayout.crdsDir(), resources);
        assertThat(result.stdout()).contains("Kind=Function, function-dpuplane validated successfully");
        assertThat(result.exitCode()).isZero();
    }
}
