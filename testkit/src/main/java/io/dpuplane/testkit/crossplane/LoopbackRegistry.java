package io.dpuplane.testkit.crossplane;

import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.apps.Readiness;
import io.dpuplane.testkit.apps.RunningProcess;
import io.dpuplane.testkit.os.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * An OCI registry on the loopback interface ({@code crane registry serve}, Go-built by {@code tools/testenv}),
 * in memory, so the Crossplane package manager can pull our packages without a public registry. Clients
 * built on go-containerregistry speak plain HTTP to {@code 127.0.0.1:*}.
 */
public final class LoopbackRegistry implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving on port (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path binary;
    private final RunningProcess crane;
    private final int port;

    private LoopbackRegistry(Path binary, RunningProcess crane, int port) {
        this.binary = binary;
        this.crane = crane;
        this.port = port;
    }

    /** Starts crane on a free loopback port; its log goes to {@code <dir>/registry.log}. */
    public static LoopbackRegistry start(Path dir) {
        String version = ProjectLayout.testenvVersion("CRANE_VERSION");
        Path binary = ProjectLayout.cacheDir().resolve("bin").resolve("crane-" + version).resolve("crane");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("crane " + version + " is missing at " + binary
                    + ": run `make testenv` (tools/testenv/build.sh builds it from Go modules)");
        }
        Path log = dir.resolve("registry.log");
        RunningProcess crane = RunningProcess.start("registry", List.of(binary.toString(), "registry", "serve",
                "--address", "127.0.0.1:0"), Map.of(), log);
        int port = Awaitility.await("crane to say its port").atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> announcedPort(log, crane), Optional::isPresent).orElseThrow();
        crane.awaitReady(Readiness.portOpen(port), START_TIMEOUT);
        return new LoopbackRegistry(binary, crane, port);
    }

    private static Optional<Integer> announcedPort(Path log, RunningProcess crane) {
        if (!crane.isAlive()) {
            throw new IllegalStateException("crane exited: " + crane.logTail());
        }
        try {
            Matcher matcher = SERVING.matcher(Files.exists(log) ? Files.readString(log) : "");
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:<port>}, the registry part of a package reference. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /**
     * Pushes a package file as {@code <host>/<repository>:<tag>} with the Crossplane CLI, which marks the
     * package layer ({@code io.crossplane.xpkg: base}) so Crossplane reads only that layer. Returns the reference.
     */
    public String push(CrossplaneCli cli, Path xpkg, String repository, String tag) {
        String reference = host() + "/" + repository + ":" + tag;
        cli.run("xpkg", "push", "--package-files", xpkg.toAbsolutePath().toString(), reference).orThrow();
        return reference;
    }

    /** The image manifest (JSON) the registry holds for a reference, as {@code crane manifest} prints it. */
    public String manifest(String reference) {
        return Command.exec(List.of(binary.toString(), "manifest", reference), Map.of(), Duration.ofSeconds(30))
                .orThrow().stdout();
    }

    public Path log() {
        return crane.log();
    }

    @Override
    public void close() {
        crane.close();
    }
}
