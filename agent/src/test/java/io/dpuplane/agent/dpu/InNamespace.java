package io.dpuplane.agent.dpu;

import static org.awaitility.Awaitility.await;

import io.dpuplane.testkit.os.NetworkNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A process running in the background inside a network namespace, its output going to a file. */
final class InNamespace implements AutoCloseable {

    private final Process process;
    private final Path output;

    private InNamespace(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static InNamespace start(NetworkNamespace ns, String... command) {
        try {
            Path output = Files.createTempFile("in-netns", ".out");
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
            full.addAll(List.of(command));
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            return new InNamespace(process, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@link TcpTransfer} in the namespace with this JVM. */
    static InNamespace java(NetworkNamespace ns, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", testClasses(), TcpTransfer.class.getName()));
        command.addAll(List.of(args));
        return start(ns, command.toArray(String[]::new));
    }

    private static String testClasses() {
        try {
            return Path.of(TcpTransfer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end and returns what it printed. */
    String awaitExit(Duration timeout) {
        await("process in namespace to end").atMost(timeout).until(() -> !process.isAlive());
        return output();
    }

    int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a leftover temp file is harmless
        }
    }
}
