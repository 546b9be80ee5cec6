package io.dpuplane.testkit.crossplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One of our packages built into an {@code .xpkg} file, with the runtime image it embeds, if any. */
public record PackageFile(OurPackage pkg, Path file, Optional<Path> embeddedImage) {

    /**
     * Builds a package with {@code crossplane xpkg build}, offline: stages its root under {@code workDir},
     * embeds the runtime image tarball of its app when the distribution module has built one, and writes
     * {@code <workDir>/<name>.xpkg}.
     */
    public static PackageFile build(CrossplaneCli cli, OurPackage pkg, Path workDir) {
        Path root = pkg.stage(workDir.resolve(pkg.packageName()));
        Path out = workDir.resolve(pkg.packageName() + ".xpkg");
        Optional<Path> image = pkg.runtime().flatMap(app -> app.imageTarball());
        List<String> args = new ArrayList<>(List.of("xpkg", "build", "--package-root", root.toString(),
                "--examples-root", root.resolve("examples").toString(), "--package-file", out.toString()));
        image.ifPresent(tar -> args.add("--embed-runtime-image-tarball=" + tar));
        cli.run(args.toArray(String[]::new)).orThrow();
        return new PackageFile(pkg, out, image);
    }

    public long sizeBytes() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return pkg.packageName() + ".xpkg (" + sizeBytes() + " bytes, "
                + embeddedImage.map(tar -> "runtime image " + tar.getFileName()).orElse("no runtime image") + ")";
    }
}
