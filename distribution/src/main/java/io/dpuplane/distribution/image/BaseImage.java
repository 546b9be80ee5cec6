package io.dpuplane.distribution.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The image a dpuplane image starts from: a registry reference (a standard JRE image by default), a docker-save
 * tarball on disk ({@code tar:PATH}), or a locally assembled Debian base ({@code local:VARIANT}, built by
 * {@code tools/images/base.sh}). Where a reference's registry cannot be reached, the local {@code jre} base stands
 * in for it.
 */
public sealed interface BaseImage {

    /** How long a registry gets to accept a TCP connection before the local base is used instead. */
    Duration REGISTRY_PROBE_TIMEOUT = Duration.ofSeconds(3);

    /** A new container builder on this base. */
    JibContainerBuilder start();

    /** The base as a build log should name it. */
    String describe();

    /** An image in a registry, pulled (and cached) by Jib. */
    record Registry(ImageReference reference) implements BaseImage {
        @Override
        public JibContainerBuilder start() {
            return Jib.from(RegistryImage.named(reference));
        }

        @Override
        public String describe() {
            return reference.toString();
        }
    }

    /** A docker-save tarball on disk (what {@code tools/images/base.sh} writes). */
    record Tarball(Path file) implements BaseImage {
        @Override
        public JibContainerBuilder start() {
            return Jib.from(TarImage.at(file));
        }

        @Override
        public String describe() {
            return "tarball " + file;
        }
    }

    /** The local base that stands in for an unreachable registry's JRE image. */
    String FALLBACK_VARIANT = "jre";

    /**
     * The base for a configured value: {@code local:VARIANT} is the local base {@code localBases} provides
     * (building it when it is missing); a path to an existing tarball (or {@code tar:PATH}) is used as is; an image
     * reference is used when its registry answers, else the local {@code jre} base.
     */
    static BaseImage resolve(String configured, Predicate<String> registryReachable,
            Function<String, Path> localBases) {
        String value = configured.strip();
        if (value.startsWith("local:")) {
            return tarball(localBases.apply(value.substring("local:".length())));
        }
        if (value.startsWith("tar:")) {
            return tarball(Path.of(value.substring("tar:".length())));
        }
        if (value.endsWith(".tar") || Files.isRegularFile(Path.of(value))) {
            return tarball(Path.of(value));
        }
        ImageReference reference;
        try {
            reference = ImageReference.parse(value);
        } catch (InvalidImageReferenceException e) {
            throw new IllegalArgumentException("base image '" + value + "' is neither a tarball nor an image reference",
                    e);
        }
        if (registryReachable.test(reference.getRegistry())) {
            return new Registry(reference);
        }
        System.out.printf("[images] registry %s unreachable: using the local Debian JRE base instead of %s%n",
                reference.getRegistry(), value);
        return tarball(localBases.apply(FALLBACK_VARIANT));
    }

    private static Tarball tarball(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("base image tarball " + file
                    + " does not exist (tools/images/base.sh builds one)");
        }
        return new Tarball(file);
    }

    /** Whether a registry accepts a TLS port connection in {@link #REGISTRY_PROBE_TIMEOUT}. */
    static boolean accepts(String registry) {
        String host = registry.contains(":") ? registry.substring(0, registry.indexOf(':')) : registry;
        int port = registry.contains(":") ? Integer.parseInt(registry.substring(registry.indexOf(':') + 1)) : 443;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) REGISTRY_PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
