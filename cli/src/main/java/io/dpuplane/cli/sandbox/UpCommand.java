package io.dpuplane.cli.sandbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpuplane sandbox up}: starts everything, shows progress until Ready, then stays up (or exits 0). */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a host cluster and a DPU cluster, Crossplane core with the dpuplane packages, the "
                + "function, the provider and emulated hosts with BlueFields; apply compositions/examples/quickstart "
                + "and show progress until every DPU, service and chain is Ready. Ctrl-C (or `sandbox down`) stops it.")
public class UpCommand implements Callable<Integer> {

    @Option(names = "--hosts", defaultValue = "2", description = "Emulated hosts (default: ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--dpus-per-host", defaultValue = "2", description = "BlueFields per host (default: ${DEFAULT-VALUE})")
    int dpusPerHost;

    @Option(names = "--time-scale", defaultValue = "0.01",
            description = "Emulated boot and flash durations times this (default: ${DEFAULT-VALUE})")
    double timeScale;

    @Option(names = "--timeout", defaultValue = "PT15M",
            description = "Give up when not Ready after this long, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--exit-when-ready", description = "Exit 0 once everything is Ready (non-zero with the reason "
            + "when something fails or the timeout passes) instead of staying up")
    boolean exitWhenReady;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SandboxDir dir = new SandboxDir(SandboxDir.defaultDir());
        Optional<ProcessHandle> running = Files.isRegularFile(dir.pidFile())
                ? ProcessHandle.of(Long.parseLong(Files.readString(dir.pidFile()).strip())) : Optional.empty();
        if (running.isPresent() && running.get().isAlive()) {
            err.println("a sandbox is already running (pid " + running.get().pid() + ", " + dir.root()
                    + "): stop it with `dpuplane sandbox down` first");
            return 2;
        }
        dir.delete();
        dir = SandboxDir.at(dir.root());
        Files.writeString(dir.pidFile(), Long.toString(ProcessHandle.current().pid()));
        SandboxOptions options;
        try {
            options = new SandboxOptions(hosts, dpusPerHost, timeScale, timeout, exitWhenReady);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        return new SandboxRun(dir, options, out, System.console() != null).call();
    }
}
