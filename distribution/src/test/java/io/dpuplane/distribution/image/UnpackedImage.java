package io.dpuplane.distribution.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An image tarball unpacked the way a container runtime does it: the OCI layout read from {@code index.json},
 * every layer extracted in order into one root file system, the entrypoint, user and environment taken from the
 * image config. {@link #run} starts the entrypoint in a chroot of that file system, with {@code /dev} and
 * {@code /proc} mounted in a private mount namespace, as a runtime would provide them.
 */
final class UnpackedImage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final JsonNode manifest;
    private final JsonNode config;

    private UnpackedImage(Path dir, JsonNode manifest, JsonNode config) {
        this.dir = dir;
        this.manifest = manifest;
        this.config = config;
    }

    static UnpackedImage unpack(Path tarball, Path into) {
        execOnHost(List.of("tar", "-xf", tarball.toString(), "-C", into.toString()));
        JsonNode index = read(into.resolve("index.json"));
        JsonNode manifest = read(blob(into, index.path("manifests").path(0).path("digest").asText()));
        JsonNode config = read(blob(into, manifest.path("config").path("digest").asText()));
        Path rootfs = into.resolve("rootfs");
        try {
            Files.createDirectories(rootfs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode layer : manifest.path("layers")) {
            execOnHost(List.of("tar", "--warning=no-unknown-keyword", "-xzf",
                    blob(into, layer.path("digest").asText()).toString(), "-C", rootfs.toString()));
        }
        return new UnpackedImage(into, manifest, config);
    }

    Path dir() {
        return dir;
    }

    Path rootfs() {
        return dir.resolve("rootfs");
    }

    JsonNode manifest() {
        return manifest;
    }

    /** The image config's {@code config} section (Entrypoint, User, Env, ExposedPorts, WorkingDir). */
    JsonNode runtimeConfig() {
        return config.path("config");
    }

    List<String> entrypoint() {
        List<String> entrypoint = new ArrayList<>();
        runtimeConfig().path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        return entrypoint;
    }

    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        runtimeConfig().path("Env").forEach(e -> {
            String kv = e.asText();
            env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        });
        return env;
    }

    /**
     * Starts the entrypoint plus {@code args} in a chroot of the root file system, as the image's user, with the
     * image's environment plus {@code extraEnv}; stdout and stderr go to {@code output}.
     */
    Process run(List<String> args, Map<String, String> extraEnv, Path output) throws IOException {
        List<String> command = new ArrayList<>(entrypoint());
        command.addAll(args);
        return exec(command, extraEnv, output);
    }

    /** Starts {@code command} (found on the image's PATH) in the chroot, as {@link #run} starts the entrypoint. */
    Process exec(List<String> command, Map<String, String> extraEnv, Path output) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("running an image in a chroot needs root (CI runs as root);"
                    + " skip the image tests with -Ddpuplane.images.skip=true");
        }
        Path root = rootfs();
        Files.createDirectories(root.resolve("dev"));
        Files.createDirectories(root.resolve("proc"));
        List<String> line = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child", "--",
                "sh", "-c", "mount --rbind /dev \"$0/dev\" && mount -t proc proc \"$0/proc\" && cd / && exec \"$@\"",
                root.toString(), "env", "-i"));
        Map<String, String> env = new LinkedHashMap<>(env());
        env.putAll(extraEnv);
        env.forEach((k, v) -> line.add(k + "=" + v));
        String user = runtimeConfig().path("User").asText("0:0");
        line.addAll(List.of("/usr/sbin/chroot", "--userspec=" + (user.contains(":") ? user : user + ":" + user),
                root.toString()));
        line.addAll(command);
        return new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    static Path blob(Path dir, String digest) {
        return dir.resolve("blobs/sha256").resolve(digest.replace("sha256:", ""));
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void execOnHost(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
