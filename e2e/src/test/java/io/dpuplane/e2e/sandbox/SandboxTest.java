package io.dpuplane.e2e.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.dpuplane.testkit.ProjectLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code make sandbox ARGS=--exit-when-ready} as a newcomer runs it, after the build: the whole system comes up
 * on this machine, every emulated BlueField is provisioned, the quickstart's service and chain are Ready, a
 * packet crosses the chain, and {@code sandbox down} removes it all. Reports the time to Ready and peak memory.
 */
class SandboxTest {

    @Test
    void theSandboxComesUpReadyWithTrafficThroughTheChainAndGoesAway() throws Exception {
        Path dir = Files.createTempDirectory("sandbox");
        Path log = dir.resolve("up.log");
        ProcessBuilder up = new ProcessBuilder(dpuplane(), "sandbox", "up", "--exit-when-ready", "--timeout", "PT10M")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        up.environment().put("DPUPLANE_SANDBOX_DIR", dir.resolve("state").toString());
        long started = System.nanoTime();
        Process process = up.start();
        ProcessTreeMemory memory = new ProcessTreeMemory(process.toHandle());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(memory::sample, 0, 500, TimeUnit.MILLISECONDS);
        boolean exited = process.waitFor(12, TimeUnit.MINUTES);
        sampler.shutdownNow();
        double seconds = (System.nanoTime() - started) / 1e9;
        String output = read(log);
        System.out.println(output);
        System.out.printf("[sandbox] exited %s after %.0f s, peak memory of the process tree %d MiB%n",
                exited ? process.exitValue() : "(still running)", seconds, memory.peakMib());
        assertThat(exited).as("sandbox up --exit-when-ready returns").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("sandbox Ready in").contains("a packet crossed the chain");

        ProcessBuilder downCommand = new ProcessBuilder(dpuplane(), "sandbox", "down").redirectErrorStream(true);
        downCommand.environment().put("DPUPLANE_SANDBOX_DIR", dir.resolve("state").toString());
        Process down = downCommand.start();
        assertThat(down.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(dir.resolve("state")).doesNotExist();
        assertThat(process.toHandle().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    private static String dpuplane() {
        return ProjectLayout.root().resolve("bin/dpuplane").toString();
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
