package io.dpuplane.testkit.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real kube-controller-manager and kube-scheduler (Go-built by {@code tools/}) running against one
 * {@link TestControlPlane}, so that DaemonSets get pods bound to nodes, Deployments get ReplicaSets,
 * namespaces get their default ServiceAccount and the garbage collector deletes owned objects. There is no
 * kubelet: pods stay Pending until something (the agent's pod-lifecycle emulation) plays one.
 * Logs go to {@code <dir>/kube-controller-manager.log} and {@code <dir>/kube-scheduler.log}.
 */
public final class ClusterControllers implements AutoCloseable {

    private final List<Process> processes;
    private final Path dir;

    private ClusterControllers(List<Process> processes, Path dir) {
        this.processes = processes;
        this.dir = dir;
    }

    /** Starts both against the control plane; they stop with {@link #close()} or when the JVM exits. */
    public static ClusterControllers start(TestControlPlane plane) {
        ControlPlaneBinaries binaries = ControlPlaneBinaries.pinned();
        try {
            Path dir = Files.createTempDirectory("controllers-" + plane.name());
            Path kubeconfig = plane.writeKubeconfig(dir.resolve("kubeconfig"));
            List<Process> processes = new ArrayList<>();
            processes.add(launch(dir, binaries.binary("kube-controller-manager"), List.of(
                    "--kubeconfig=" + kubeconfig, "--leader-elect=false", "--secure-port=0",
                    "--use-service-account-credentials=false", "--controllers=*,-serviceaccount-token",
                    "--concurrent-gc-syncs=5")));
            processes.add(launch(dir, binaries.binary("kube-scheduler"), List.of(
                    "--kubeconfig=" + kubeconfig, "--leader-elect=false", "--secure-port=0")));
            ClusterControllers controllers = new ClusterControllers(processes, dir);
            Runtime.getRuntime().addShutdownHook(new Thread(controllers::close, "stop-controllers-" + plane.name()));
            System.out.printf("[testkit] kube-controller-manager and kube-scheduler started for '%s' (logs in %s)%n",
                    plane.name(), dir);
            return controllers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the cluster controllers", e);
        }
    }

    private static Process launch(Path dir, Path binary, List<String> flags) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(flags);
        Path log = dir.resolve(binary.getFileName() + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Where the controllers write their logs. */
    public Path logDir() {
        return dir;
    }

    /** Whether both processes are still running. */
    public boolean running() {
        return processes.stream().allMatch(Process::isAlive);
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
