package io.dpuplane.testkit.crossplane;

import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.os.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real Crossplane CLI built by {@code tools/testenv} (render in-process against a Development-runtime
 * function, and {@code beta validate} offline against a cache seeded with Crossplane's own CRDs).
 */
public record CrossplaneCli(String version, Path binary, Path validateCache) {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** The pinned CLI, checked to exist. */
    public static CrossplaneCli pinned() {
        String version = ProjectLayout.testenvVersion("CROSSPLANE_VERSION");
        Path dir = ProjectLayout.cacheDir().resolve("bin").resolve("crossplane-" + version);
        CrossplaneCli cli = new CrossplaneCli(version, dir.resolve("crossplane"), dir.resolve("validate-cache"));
        if (!Files.isExecutable(cli.binary()) || !Files.isDirectory(cli.validateCache())) {
            throw new IllegalStateException("Crossplane CLI " + version + " is missing at " + dir
                    + ": run `make testenv` (tools/testenv/build.sh builds it from Go modules)");
        }
        return cli;
    }

    /** {@code crossplane beta validate <extensions> <resources>}, offline; the result whatever its exit code. */
    public Command.Result validate(Path extensions, Path resources) {
        return run("beta", "validate", extensions.toString(), resources.toString(),
                "--cache-dir", validateCache.toAbsolutePath().toString());
    }

    /** Runs the CLI with any arguments and returns the result whatever its exit code. */
    public Command.Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        return Command.exec(command, Map.of(), TIMEOUT);
    }
}
