package io.dpuplane.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the repository, the generated CRDs and the control-plane cache are, as the build and
 * {@code tools/testenv/build.sh} agree on them.
 */
public final class ProjectLayout {

    private ProjectLayout() {
    }

    /** The repository root: the {@code dpuplane.root} system property the build sets, else found upwards. */
    public static Path root() {
        String configured = System.getProperty("dpuplane.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("tools/testenv/versions.env"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the dpuplane repository root (no tools/testenv/versions.env above "
                + Path.of("").toAbsolutePath() + "); set -Ddpuplane.root");
    }

    /** The directory the build generates CRD YAML into. */
    public static Path crdsDir() {
        String configured = System.getProperty("dpuplane.crds.dir");
        return configured != null && !configured.isBlank() ? Path.of(configured) : root().resolve("package/crds");
    }

    /** The cache outside the repo where {@code tools/testenv} keeps the binaries it built. */
    public static Path cacheDir() {
        String configured = System.getenv("DPUPLANE_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("dpuplane");
    }

    /** The pinned versions from {@code tools/testenv/versions.env}. */
    public static Map<String, String> testenvVersions() {
        Path file = root().resolve("tools/testenv/versions.env");
        Map<String, String> versions = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                int eq = trimmed.indexOf('=');
                if (!trimmed.startsWith("#") && eq > 0) {
                    versions.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return versions;
    }

    /** One pinned version, failing loudly when versions.env lacks it. */
    public static String testenvVersion(String key) {
        String version = testenvVersions().get(key);
        if (version == null) {
            throw new IllegalStateException("tools/testenv/versions.env has no " + key);
        }
        return version;
    }
}
