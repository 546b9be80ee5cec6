package io.dpuplane.testkit.kube;

import io.dpuplane.testkit.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Go-built control-plane binaries, laid out where kube-api-test looks for them in offline mode.
 * A missing binary is a loud failure that says how to build it, never a skipped test.
 */
public record ControlPlaneBinaries(String kubernetesVersion, Path kubeApiTestDir) {

    /** The binaries of the version pinned in {@code tools/testenv/versions.env}, checked to exist. */
    public static ControlPlaneBinaries pinned() {
        ControlPlaneBinaries binaries = new ControlPlaneBinaries(
                ProjectLayout.testenvVersion("K8S_VERSION"), ProjectLayout.cacheDir().resolve("kubeapitest"));
        binaries.requirePresent();
        return binaries;
    }

    /** The directory holding etcd, kube-apiserver and kubectl for this version. */
    public Path binDir() {
        return kubeApiTestDir.resolve("k8s").resolve(kubernetesVersion + "-linux-amd64");
    }

    /** A binary built next to kube-apiserver (kube-controller-manager, kube-scheduler). */
    public Path binary(String name) {
        Path link = binDir().resolve("kube-apiserver");
        try {
            return link.toRealPath().resolveSibling(name);
        } catch (java.io.IOException e) {
            throw missing(link);
        }
    }

    void requirePresent() {
        for (String name : List.of("etcd", "kube-apiserver", "kubectl")) {
            Path binary = binDir().resolve(name);
            if (!Files.isExecutable(binary)) {
                throw missing(binary);
            }
        }
    }

    private static IllegalStateException missing(Path binary) {
        return new IllegalStateException("control-plane binary " + binary + " is missing: run `make testenv` "
                + "(tools/testenv/build.sh builds it from Go modules into $DPUPLANE_CACHE)");
    }
}
