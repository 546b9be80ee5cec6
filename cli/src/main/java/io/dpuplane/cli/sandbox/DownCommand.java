package io.dpuplane.cli.sandbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpuplane sandbox down}: stops the running sandbox and everything it started. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the sandbox started by `sandbox up` (control planes, Crossplane, provider, function, "
                + "agents, emulated hosts) and remove its state.")
public class DownCommand implements Callable<Integer> {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        SandboxDir dir = new SandboxDir(SandboxDir.defaultDir());
        Optional<ProcessHandle> sandbox = Files.isRegularFile(dir.pidFile())
                ? ProcessHandle.of(Long.parseLong(Files.readString(dir.pidFile()).strip())) : Optional.empty();
        if (sandbox.isPresent() && sandbox.get().isAlive()) {
            out.println("stopping the sandbox (pid " + sandbox.get().pid() + ") and what it started ...");
            out.flush();
            var descendants = sandbox.get().descendants().toList();
            sandbox.get().destroy();
            try {
                sandbox.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                sandbox.get().destroyForcibly();
            }
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        } else {
            out.println("no sandbox is running");
        }
        dir.delete();
        out.println("removed " + dir.root());
        return 0;
    }
}
