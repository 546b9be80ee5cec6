package io.dpuplane.distribution.image;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the provider, function and agent images into {@code --out} ({@code distribution/target/images}); run by
 * the distribution module's {@code package} phase.
 *
 * <pre>
 * --root=DIR        the repository root
 * --out=DIR         where the tarballs go
 * --base=BASE       the provider's and the function's base: a registry reference (falling back to local:jre when
 *                   its registry is unreachable), a docker-save tarball (tar:PATH), or local:jre
 * --agent-base=BASE the agent's base, which must carry Open vSwitch's CLI: local:jre-ovs by default
 * --tag=TAG         the images' tag
 * </pre>
 */
public final class ImagesMain {

    private ImagesMain() {
    }

    public static void main(String... args) {
        Map<String, String> flags = flags(args);
        Path root = Path.of(required(flags, "root")).toAbsolutePath().normalize();
        Path out = Path.of(required(flags, "out"));
        Path cache = cacheDir();
        LocalBases local = new LocalBases(root, cache.resolve("images"));
        BaseImage appBase = BaseImage.resolve(flags.getOrDefault("base", "eclipse-temurin:17-jre"), BaseImage::accepts,
                local::get);
        BaseImage agentBase = BaseImage.resolve(flags.getOrDefault("agent-base", "local:jre-ovs"), BaseImage::accepts,
                local::get);
        ImageBuilder builder = new ImageBuilder(cache.resolve("jib-base-layers"), flags.getOrDefault("tag", "latest"));
        for (ImageSpec spec : ImageSpec.dpuplane(root)) {
            long started = System.nanoTime();
            ImageBuilder.BuiltImage image = builder.build(spec, spec.needsOpenVswitch() ? agentBase : appBase, out);
            System.out.printf("[images] %-8s %s on %s: %s, %.1f MiB (%d ms)%n", spec.name(), image.reference(),
                    image.base().describe(), image.tarball(), image.bytes() / 1048576.0,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The cache shared with tools/ ($DPUPLANE_CACHE, default ~/.cache/dpuplane). */
    static Path cacheDir() {
        String configured = System.getenv("DPUPLANE_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("dpuplane");
    }

    private static Map<String, String> flags(String... args) {
        Map<String, String> flags = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            flags.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return flags;
    }

    private static String required(Map<String, String> flags, String name) {
        String value = flags.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
