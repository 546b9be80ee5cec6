package io.dpuplane.testkit.kube;

import io.dpuplane.testkit.ProjectLayout;

/**
 * The control planes of one test JVM: the host cluster (with the project's generated CRDs installed),
 * started once and reused by every test class, and a second, independent one on demand (a DPU cluster).
 * Both stop when the JVM exits.
 */
public final class TestControlPlanes {

    private static TestControlPlane host;
    private static TestControlPlane second;
    private static final java.util.Map<String, ClusterControllers> CONTROLLERS = new java.util.HashMap<>();

    private TestControlPlanes() {
    }

    /** The shared host control plane, with every generated CRD installed. */
    public static synchronized TestControlPlane host() {
        if (host == null) {
            host = startWithShutdownHook("host");
            host.installCrds(ProjectLayout.crdsDir());
        }
        return host;
    }

    /** A second control plane independent of the host one (its own etcd and apiserver), shared per JVM. */
    public static synchronized TestControlPlane second() {
        if (second == null) {
            second = startWithShutdownHook("second");
        }
        return second;
    }

    /**
     * The kube-controller-manager and kube-scheduler of a control plane of this JVM, started on first use
     * and shared (one pair per control plane).
     */
    public static synchronized ClusterControllers controllers(TestControlPlane plane) {
        return CONTROLLERS.computeIfAbsent(plane.name(), name -> ClusterControllers.start(plane));
    }

    private static TestControlPlane startWithShutdownHook(String name) {
        TestControlPlane plane = TestControlPlane.start(name);
        Runtime.getRuntime().addShutdownHook(new Thread(plane::close, "stop-control-plane-" + name));
        return plane;
    }
}
