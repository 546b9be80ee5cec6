package io.dpuplane.distribution.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/**
 * Builds one {@link ImageSpec} on a {@link BaseImage} into an OCI image tarball with Jib (no Docker daemon),
 * which also carries a docker-save {@code manifest.json} (see {@link SaveManifest}).
 */
public final class ImageBuilder {

    private final Path baseLayersCache;
    private final String tag;

    /**
     * @param baseLayersCache where Jib keeps the bases' (compressed) layers between builds
     * @param tag the tag of every image
     */
    public ImageBuilder(Path baseLayersCache, String tag) {
        this.baseLayersCache = baseLayersCache;
        this.tag = tag;
    }

    /** Writes {@code <outDir>/<name>.tar}, the spec's application on {@code base}, and returns what was built. */
    public BuiltImage build(ImageSpec spec, BaseImage base, Path outDir) {
        Path tarball = outDir.resolve(spec.name() + ".tar");
        try {
            Files.createDirectories(outDir);
            ImageReference reference = ImageReference.parse(spec.repository() + ":" + tag);
            JibContainerBuilder container = base.start()
                    .setFormat(ImageFormat.OCI)
                    .setFileEntriesLayers(QuarkusAppLayers.of(spec))
                    .setEntrypoint(spec.entrypoint())
                    .setWorkingDirectory(AbsoluteUnixPath.get(ImageSpec.APP_DIR))
                    .setUser(spec.user())
                    // The Helm SDK (DPUService releases) caches repository indexes under these; the non-root
                    // user has no home directory, and the root file system may be read-only: use /tmp.
                    .addEnvironmentVariable("HELM_CACHE_HOME", "/tmp/helm/cache")
                    .addEnvironmentVariable("HELM_CONFIG_HOME", "/tmp/helm/config")
                    .addEnvironmentVariable("HELM_DATA_HOME", "/tmp/helm/data")
                    .addLabel("org.opencontainers.image.title", spec.repository())
                    .addLabel("org.opencontainers.image.description", spec.description())
                    .addLabel("org.opencontainers.image.version", tag);
            spec.ports().forEach(port -> container.addExposedPort(Port.tcp(port)));
            JibContainer built = container.containerize(Containerizer.to(TarImage.at(tarball).named(reference))
                    .setBaseImageLayersCache(baseLayersCache)
                    .setApplicationLayersCache(outDir.resolveSibling("jib-cache"))
                    .setToolName("dpuplane-distribution"));
            SaveManifest.addTo(tarball, reference.toString());
            return new BuiltImage(spec, base, reference.toString(), built.getDigest().toString(), tarball,
                    Files.size(tarball));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write image " + tarball, e);
        } catch (InvalidImageReferenceException | RegistryException | CacheDirectoryCreationException
                | ExecutionException e) {
            throw new IllegalStateException("cannot build image " + spec.name() + " on " + base.describe() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building image " + spec.name(), e);
        }
    }

    /** An image written to disk. */
    public record BuiltImage(ImageSpec spec, BaseImage base, String reference, String digest, Path tarball,
            long bytes) {
    }
}
