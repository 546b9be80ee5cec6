package io.dpuplane.testkit.apps;

import io.dpuplane.testkit.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** One of our Quarkus applications, where the build leaves it (its fast-jar) and its runtime image. */
public enum QuarkusApp {
    PROVIDER("provider", "provider"),
    FUNCTION("functions", "function"),
    AGENT("agent", "agent");

    private final String module;
    private final String imageName;

    QuarkusApp(String module, String imageName) {
        this.module = module;
        this.imageName = imageName;
    }

    /** The Maven module that builds the app. */
    public String module() {
        return module;
    }

    /** {@code <module>/target/quarkus-app/quarkus-run.jar}, checked to exist. */
    public Path jar() {
        Path jar = ProjectLayout.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": build the app first (mvn -pl " + module + " package)");
        }
        return jar;
    }

    /**
     * The app's OCI image tarball, which the {@code distribution} module builds into
     * {@code distribution/target/images/<name>.tar}, when it has been built.
     */
    public Optional<Path> imageTarball() {
        Path tar = ProjectLayout.root().resolve("distribution/target/images").resolve(imageName + ".tar");
        return Files.isRegularFile(tar) ? Optional.of(tar) : Optional.empty();
    }
}
