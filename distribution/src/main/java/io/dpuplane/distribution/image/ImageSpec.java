package io.dpuplane.distribution.image;

import java.nio.file.Path;
import java.util.List;

/**
 * One image dpuplane ships: which Quarkus fast-jar it packages, who it runs as and what it listens on.
 *
 * @param name the image's short name and the file name of its tarball ({@code <name>.tar})
 * @param repository the image's repository, as it is tagged in the tarball
 * @param quarkusApp the application's {@code target/quarkus-app} directory
 * @param user the user the entrypoint runs as ({@code uid:gid}); the host agent needs root for {@code /dev}
 * @param ports the TCP ports the application listens on
 * @param description what the image runs, for its {@code org.opencontainers.image.description} label
 * @param needsOpenVswitch whether the application runs Open vSwitch's CLI, so its base must carry it
 * @param writableDirs directories the application writes to, created in the image and owned by {@code user}
 */
public record ImageSpec(String name, String repository, Path quarkusApp, String user, List<Integer> ports,
        String description, boolean needsOpenVswitch, List<String> writableDirs) {

    /** Where the application lives in the image; its working directory. */
    public static final String APP_DIR = "/app";

    /** The unprivileged user of the provider and the function: the uid and gid Crossplane runs packages as. */
    static final String NON_ROOT = "2000:2000";

    /** The three images of a dpuplane build, from the modules' quarkus-app output under the repository root. */
    public static List<ImageSpec> dpuplane(Path root) {
        return List.of(
                new ImageSpec("provider", "dpuplane/provider-dpuplane", root.resolve("provider/target/quarkus-app"),
                        NON_ROOT, List.of(8080), "The dpuplane Crossplane provider", false,
                        List.of("/var/cache/dpuplane/bfb")),
                new ImageSpec("function", "dpuplane/function-dpuplane", root.resolve("functions/target/quarkus-app"),
                        NON_ROOT, List.of(9443), "dpuplane's Crossplane composition functions", false, List.of()),
                new ImageSpec("agent", "dpuplane/dpuplane-agent", root.resolve("agent/target/quarkus-app"),
                        "0:0", List.of(8443, 8081),
                        "The dpuplane agent: host mode (rshim, BFB install) and DPU mode (OVS)", true, List.of()));
    }

    /** The command the image runs: the fast-jar's launcher on the base image's {@code java}. */
    public List<String> entrypoint() {
        return List.of("java", "-XX:MaxRAMPercentage=75.0",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-jar", APP_DIR + "/quarkus-run.jar");
    }
}
