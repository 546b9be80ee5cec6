package io.dpuplane.testkit.crossplane;

import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.apps.QuarkusApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * dpuplane's three Crossplane packages and what goes into each, assembled from the repository: the
 * metadata in {@code package/<name>/crossplane.yaml}, plus
 * <ul>
 * <li>provider: every generated CRD of {@code package/crds/} that lives in the host cluster. The
 *     {@code sfc.dpuplane.io} kinds stay out: they are served by DPU clusters, not the cluster Crossplane runs
 *     in. Crossplane turns each CRD into a ManagedResourceDefinition except the four kinds named exactly
 *     ProviderConfig, ClusterProviderConfig, ProviderConfigUsage and ClusterProviderConfigUsage, which ours are;</li>
 * <li>function: the metadata only;</li>
 * <li>configuration: the XRDs and Compositions of {@code compositions/} (not its examples).</li>
 * </ul>
 * Published as {@code xpkg.crossplane.io/dpuplane/<name>}; the configuration depends on the other two there.
 */
public enum OurPackage {
    PROVIDER("Provider", "provider-dpuplane", "provider", QuarkusApp.PROVIDER),
    FUNCTION("Function", "function-dpuplane", "function", QuarkusApp.FUNCTION),
    CONFIGURATION("Configuration", "configuration-dpuplane", "configuration", null);

    /** Where the packages are published, and the prefix of every package reference of ours. */
    public static final String REGISTRY_PREFIX = "xpkg.crossplane.io/dpuplane";
    private static final String DPU_CLUSTER_GROUP = ".sfc.dpuplane.io-";

    private final String kind;
    private final String packageName;
    private final String metadataDir;
    private final QuarkusApp runtime;

    OurPackage(String kind, String packageName, String metadataDir, QuarkusApp runtime) {
        this.kind = kind;
        this.packageName = packageName;
        this.metadataDir = metadataDir;
        this.runtime = runtime;
    }

    /** The kind of its {@code pkg.crossplane.io/v1} object (Provider, Function, Configuration). */
    public String kind() {
        return kind;
    }

    /** The package's name: of its metadata, its repository and the object that installs it. */
    public String packageName() {
        return packageName;
    }

    /** {@code dpuplane/<name>}: the repository under a registry. */
    public String repository() {
        return "dpuplane/" + packageName;
    }

    /** The published reference at a tag. */
    public String reference(String tag) {
        return REGISTRY_PREFIX + "/" + packageName + ":" + tag;
    }

    /** The app a Provider or Function package runs; empty for the Configuration. */
    public Optional<QuarkusApp> runtime() {
        return Optional.ofNullable(runtime);
    }

    /** Writes the package root ({@code crossplane.yaml} and the YAML it carries) into an empty directory. */
    public Path stage(Path root) {
        Path repo = ProjectLayout.root();
        try {
            Files.createDirectories(root);
            Files.copy(repo.resolve("package").resolve(metadataDir).resolve("crossplane.yaml"),
                    root.resolve("crossplane.yaml"));
            for (Path file : contents(repo)) {
                // compositions/dpuset/xrd.yaml -> dpuset-xrd.yaml: one flat directory, no name clashes
                Files.copy(file, root.resolve(file.getParent().getFileName() + "-" + file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the " + packageName + " package in " + root, e);
        }
        return root;
    }

    private List<Path> contents(Path repo) throws IOException {
        switch (this) {
            case PROVIDER:
                return yamlUnder(ProjectLayout.crdsDir(), "no generated CRDs: build the apis module first")
                        .filter(file -> !file.getFileName().toString().contains(DPU_CLUSTER_GROUP)).toList();
            case CONFIGURATION:
                Path compositions = repo.resolve("compositions");
                return yamlUnder(compositions, "no compositions")
                        .filter(file -> !compositions.relativize(file).startsWith("examples")).toList();
            default:
                return List.of();
        }
    }

    private static Stream<Path> yamlUnder(Path dir, String whenMissing) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(whenMissing + " (" + dir + ")");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted().toList().stream();
        }
    }
}
