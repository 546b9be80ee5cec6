package io.dpuplane.agent.host;

import static org.awaitility.Awaitility.await;

import io.dpuplane.agent.emulator.EmulatedHost;
import io.dpuplane.bfb.BfbVersions;
import io.dpuplane.bfb.BootStreamWriter;
import io.dpuplane.testkit.http.LoopbackFileServer;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark, not a test: install streaming throughput from a loopback registry through the agent (CRC,
 * sha256, bf.cfg appending) into an emulated card's boot FIFO (which validates again), and the heap with 64
 * emulated cards discovered. Run with {@code mvn -pl agent test-compile exec:java}.
 */
public final class HostAgentBenchmark {

    private HostAgentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mib = Integer.getInteger("bench.mib", 512);
        Path root = Files.createTempDirectory("agent-bench");
        try (EmulatedHost host = EmulatedHost.start("bench", root.resolve("host"), 64, 0.0001);
                LoopbackFileServer registry = new LoopbackFileServer()) {
            HostDiscovery discovery = new HostDiscovery(host.devRoot(), host.sysRoot());
            List<HostDevice> devices = discovery.discover();
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            ByteArrayOutputStream image = new ByteArrayOutputStream();
            BootStreamWriter.create().image(2, 4096).versions(new BfbVersions(null, null, null, "2.9.1"))
                    .image(62, (long) mib << 20).writeTo(image);
            byte[] bfb = image.toByteArray();
            String url = registry.serve("/bench.bfb", bfb);
            try (Operations operations = new Operations(new OperationJournal(root.resolve("journal")),
                    pci -> HostAgentEndToEndTest.port(discovery, pci), root.resolve("bfbs"), 2, Duration.ofMinutes(5), Duration.ofSeconds(60))) {
                for (int round = 0; round < 3; round++) {
                    long started = System.nanoTime();
                    String id = operations.startInstall(devices.get(round).pciAddress(), url, "", new byte[0], "bench").id();
                    await("the stream pushed").atMost(Duration.ofMinutes(5)).pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(5)).until(() -> operations.get(id).orElseThrow()
                                    .bytesPushed() >= bfb.length || operations.get(id).orElseThrow().finished());
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf(Locale.ROOT, "round %d: %d MiB into the boot FIFO in %.2f s = %.0f MB/s%n", round,
                            bfb.length >> 20, seconds, bfb.length / seconds / 1e6);
                }
            }
            System.out.printf(Locale.ROOT, "heap used with %d emulated cards discovered (emulator and agent in one JVM): "
                    + "%d MiB%n", devices.size(), heap >> 20);
        }
        System.exit(0);
    }
}
