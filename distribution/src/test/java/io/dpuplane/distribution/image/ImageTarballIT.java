package io.dpuplane.distribution.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tarballs the {@code package} phase wrote, unpacked layer by layer and run from a chroot of the
 * resulting file system: the base's JRE, the application layers and the entrypoint recorded in the image config
 * have to add up to a running application.
 */
class ImageTarballIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path work;

    /** Removes the unpacked root file system quietly (JUnit would warn about each of its absolute symlinks). */
    @AfterEach
    void removeRootfs() throws Exception {
        new ProcessBuilder("rm", "-rf", work.resolve("rootfs").toString()).inheritIO().start().waitFor();
    }

    @Test
    void functionImagePrintsItsHelpFromAChrootOfItsLayers() throws Exception {
        UnpackedImage image = UnpackedImage.unpack(tarball("function"), work);

        String out = runUntil(image, List.of("--help"), Map.of(), "--tls-certs-dir=DIR");

        assertThat(out).startsWith("Usage: function-dpuplane [flags]");
        assertThat(image.runtimeConfig().path("User").asText()).isEqualTo("2000:2000");
        assertThat(image.runtimeConfig().path("ExposedPorts").has("9443/tcp")).isTrue();
    }

    @Test
    void providerImagePrintsTheProvidersHelpFromAChrootOfItsLayers() throws Exception {
        UnpackedImage image = UnpackedImage.unpack(tarball("provider"), work);

        String out = runUntil(image, List.of("--help"), Map.of(), "DPUPLANE_PROVIDER_DEBUG");

        assertThat(out).startsWith("Usage: provider-dpuplane");
        assertThat(image.runtimeConfig().path("ExposedPorts").has("8080/tcp")).isTrue();
        Path cache = image.rootfs().resolve("var/cache/dpuplane/bfb");
        assertThat(Files.getAttribute(cache, "unix:uid")).as("owner of the BFB cache").isEqualTo(2000);
    }

    @Test
    void agentImagePrintsTheAgentsHelpFromAChrootOfItsLayers() throws Exception {
        UnpackedImage image = UnpackedImage.unpack(tarball("agent"), work);

        String out = runUntil(image, List.of("--help"), Map.of(), "Health: /q/health");

        assertThat(out).startsWith("Usage: dpuplane-agent").contains("DPUPLANE_AGENT_MODE");
        assertThat(image.runtimeConfig().path("User").asText()).isEqualTo("0:0");
    }

    /** The DPU mode runs ovs-vsctl and ovs-ofctl: the agent's base carries them. */
    @Test
    void agentImageCarriesOpenVswitchsCli() throws Exception {
        UnpackedImage image = UnpackedImage.unpack(tarball("agent"), work);
        Path output = work.resolve("ovs.log");

        for (String tool : List.of("ovs-vsctl", "ovs-ofctl")) {
            Process process = image.exec(List.of(tool, "--version"), Map.of(), output);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(output)).as(tool).contains("Open vSwitch");
            assertThat(process.exitValue()).as(tool).isZero();
        }
    }

    @Test
    void tarballIsAlsoADockerSaveArchiveNamingTheSameVerifiedBlobs() throws Exception {
        Path tarball = tarball("function");
        UnpackedImage image = UnpackedImage.unpack(tarball, work);
        JsonNode save = new ObjectMapper().readTree(work.resolve("manifest.json").toFile()).path(0);

        assertThat(save.path("RepoTags").path(0).asText()).startsWith("dpuplane/function-dpuplane:");
        assertThat(save.path("Config").asText())
                .isEqualTo("blobs/sha256/" + image.manifest().path("config").path("digest").asText().substring(7));
        JsonNode layers = image.manifest().path("layers");
        assertThat(save.path("Layers")).hasSize(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            String digest = layers.path(i).path("digest").asText();
            assertThat(save.path("Layers").path(i).asText()).isEqualTo("blobs/sha256/" + digest.substring(7));
            assertThat("sha256:" + sha256(UnpackedImage.blob(work, digest))).isEqualTo(digest);
        }
        System.out.printf("[images] %s: %d layers, %.1f MiB%n", tarball.getFileName(), layers.size(),
                Files.size(tarball) / 1048576.0);
    }

    private static String runUntil(UnpackedImage image, List<String> args, Map<String, String> env, String expected)
            throws IOException {
        Path output = image.dir().resolve("output.log");
        Process process = image.run(args, env, output);
        try {
            await("'" + expected + "' from " + image.entrypoint()).atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(output).contains(expected) || !process.isAlive());
            String out = Files.readString(output);
            assertThat(out).as("output of %s", image.entrypoint()).contains(expected);
            return out;
        } finally {
            process.destroyForcibly();
        }
    }

    private static Path tarball(String name) {
        Path dir = Path.of(System.getProperty("dpuplane.images.dir", "target/images"));
        Path tarball = dir.resolve(name + ".tar");
        assertThat(tarball).as("image built by the package phase").isRegularFile();
        return tarball;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
