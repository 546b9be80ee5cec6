package io.dpuplane.cli.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a sandbox keeps what a user looks at (kubeconfigs, logs) and what {@code sandbox down} needs (the pid):
 * {@code $DPUPLANE_SANDBOX_DIR}, default {@code ~/.dpuplane/sandbox}.
 */
public record SandboxDir(Path root) {

    public static Path defaultDir() {
        String override = System.getenv("DPUPLANE_SANDBOX_DIR");
        return override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".dpuplane", "sandbox");
    }

    public static SandboxDir at(Path root) {
        try {
            Files.createDirectories(root.resolve("logs"));
            Files.createDirectories(root.resolve("state"));
            return new SandboxDir(root.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox directory " + root, e);
        }
    }

    public Path hostKubeconfig() {
        return root.resolve("host.kubeconfig");
    }

    public Path dpuKubeconfig() {
        return root.resolve("dpu.kubeconfig");
    }

    public Path pidFile() {
        return root.resolve("sandbox.pid");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** A directory for one component's state (emulated hosts, journals, certificates). */
    public Path state(String component) {
        Path dir = root.resolve("state").resolve(component);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Removes the directory and everything in it. */
    public void delete() {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
