package io.dpuplane.distribution.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The locally assembled Debian bases, as {@code tools/images/base.sh} caches them: found in the cache, or built by
 * running that script (which needs root and apt) when missing.
 */
final class LocalBases {

    /** The variants {@code tools/images/base.sh} builds, and the file each is cached as. */
    static final Map<String, String> FILES = Map.of("jre", "debian-jre17.tar", "jre-ovs", "debian-jre17-ovs.tar");

    private final Path root;
    private final Path cacheDir;

    /**
     * @param root the repository root (where {@code tools/images/base.sh} is)
     * @param cacheDir where the script caches the base tarballs ({@code $DPUPLANE_CACHE/images})
     */
    LocalBases(Path root, Path cacheDir) {
        this.root = root;
        this.cacheDir = cacheDir;
    }

    /** The base tarball of a variant, built first when it is not cached yet. */
    Path get(String variant) {
        String file = FILES.get(variant);
        if (file == null) {
            throw new IllegalArgumentException("no local base 'local:" + variant + "' (known: " + FILES.keySet() + ")");
        }
        Path cached = cacheDir.resolve(file);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        Path script = root.resolve("tools/images/base.sh");
        System.out.printf("[images] no local base at %s: running %s %s%n", cached, script, variant);
        try {
            Process process = new ProcessBuilder(List.of("bash", script.toString(), variant))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(script + " " + variant + " failed (exit " + exit
                        + "): see its output above; build without images with -Ddpuplane.images.skip=true");
            }
            Path built = Path.of(out.substring(out.lastIndexOf('\n') + 1));
            if (!Files.isRegularFile(built)) {
                throw new IllegalStateException(script + " printed no base tarball path (got '" + out + "')");
            }
            return built;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the local base image", e);
        }
    }
}
