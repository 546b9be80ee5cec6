package io.dpuplane.functions.dpuset;

import com.google.protobuf.InvalidProtocolBufferException;
import io.dpuplane.functions.FunctionDispatcher;
import io.dpuplane.functions.RunFunctionCalls;
import io.dpuplane.functions.sdk.FunctionRequest;
import io.dpuplane.functions.proto.v1.FunctionRunnerServiceGrpc;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RunFunction latency (p50/p99) and response size of the DPUSet function for 100, 1,000 and 10,000 cards,
 * called in-process and over gRPC against the packaged function-dpuplane
 * ({@code java -jar quarkus-run.jar --insecure}), as Crossplane calls it. The request is a settled set: every
 * card has its DPU, all Ready, so the function reads and composes all.
 *
 * <ul>
 * <li>{@code in-process}: what the server does with a call, without the transport: the request's bytes
 * read, the function run, the response serialized (bytes in, bytes out), in wall-clock time. {@code cpu ms}
 * is the same calls' CPU time on the calling thread, which neither a busy machine's scheduling nor GC
 * pauses (other threads) inflate; {@code alloc} the bytes the call allocated; {@code gc} how many
 * collections ran during the measurement, their total pause time, and how many calls a pause fell into.
 * <li>{@code gRPC}: the round trip to the packaged server: everything above plus HTTP/2 and the server's
 * threads; the client's protobuf work excluded (it sends and receives raw bytes). {@code gc} here is read
 * from the server's GC log ({@code -Xlog:gc}): collections during the measurement and their pauses; {@code cpu
 * p50} shows {@code N/c} instead, the server process's CPU time (all threads: gRPC, function, GC, JIT) per
 * call, on average over the measurement.
 * </ul>
 *
 * <p>Run: {@code mvn -pl functions package -DskipTests exec:java}. Options: {@code -Dbench.sizes=100,1000}
 * {@code -Dbench.seconds=5} (measuring time per size and mode), {@code -Dbench.target=127.0.0.1:9443} (call a
 * function already running with {@code --insecure}, e.g. under a profiler, instead of starting one),
 * {@code -Dbench.serverJvm="-XX:+UseParallelGC"} (JVM options for the started server, replacing the ones its
 * image runs with), {@code -Dbench.modes=in-process,gRPC}.
 */
public final class DPUSetBenchmark {

    private static final Revision REVISION = new Revision("bf-bundle-2.9.1", "standard");
    private static final int MAX_MESSAGE = 256 * 1024 * 1024;
    private static final Pattern GC_PAUSE = Pattern.compile("Pause.* (\\d+\\.\\d+)ms$");
    /** RunFunction as raw bytes: the client's own protobuf work is not the function's latency. */
    private static final MethodDescriptor<byte[], byte[]> RUN_FUNCTION =
            RunFunctionCalls.asBytes(FunctionRunnerServiceGrpc.getRunFunctionMethod());

    private DPUSetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "100,1000,10000").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        List<String> modes = List.of(System.getProperty("bench.modes", "in-process,gRPC").split(","));
        Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 5));
        FunctionDispatcher inProcess = new FunctionDispatcher(List.of(new DPUSetFunction()));
        String target = System.getProperty("bench.target", "");
        Path jar = Path.of(System.getProperty("bench.functionJar", "functions/target/quarkus-app/quarkus-run.jar"));
        if (target.isEmpty() && !Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged function at " + jar + ": run `mvn -pl functions package "
                    + "-DskipTests` first");
        }
        List<String> serverJvm = Arrays.stream(System.getProperty("bench.serverJvm", "").split(" "))
                .filter(option -> !option.isBlank()).toList();
        System.out.printf("load average %.2f, %d cores; server JVM options %s; in-process JVM %s%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), serverJvm,
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf("%-8s %-10s %8s %8s %8s %8s %8s %9s %-22s %8s %9s %6s%n", "devices", "mode", "p50 ms",
                "p99 ms", "max ms", "cpu p50", "cpu p99", "alloc MiB", "gc n/pause ms/calls hit", "req KiB",
                "resp KiB", "calls");
        try (RunningFunction server = target.isEmpty() ? RunningFunction.start(jar, serverJvm)
                : RunningFunction.at(target)) {
            for (int size : sizes) {
                byte[] request = settledFleet(size).toByteArray();
                check(size, RunFunctionResponse.parseFrom(serve(inProcess, request)));
                check(size, RunFunctionResponse.parseFrom(server.call(request)));
                if (modes.contains("in-process")) {
                    // Bytes in, bytes out: what the server does with a call, without the transport.
                    report(size, "in-process", request.length, measure, new InProcessProbe(),
                            () -> serve(inProcess, request).length);
                }
                if (modes.contains("gRPC")) {
                    // The round trip to the packaged server; parse, function and serialization all included.
                    report(size, "gRPC", request.length, measure, server.gcLog(), () -> server.call(request).length);
                }
            }
        }
    }

    /** What the server does with a call's bytes, up to the response's bytes. */
    static byte[] serve(FunctionDispatcher dispatcher, byte[] request) {
        try {
            return dispatcher.serve(FunctionRequest.parse(request));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DPUSet over {@code size} cards whose DPUs all exist and are Ready. */
    static RunFunctionRequest settledFleet(int size) {
        return TestFleet.ofHosts(size)
                .dpuSet("""
                        nodeSelector: {matchLabels: {dpuplane.io/pool: edge}}
                        dpuSelector: {models: [BlueField-3]}
                        bfbRef: {name: bf-bundle-2.9.1}
                        flavorRef: {name: standard}
                        dpuClusterRef: {name: edge}
                        rollingUpdate: {maxUnavailable: 10%}
                        """)
                .allDpusReadyAt(REVISION)
                .request();
    }

    private static void check(int size, RunFunctionResponse response) {
        if (response.getDesired().getResourcesCount() != size || response.getResultsCount() > 1) {
            throw new IllegalStateException("composed " + response.getDesired().getResourcesCount() + " of " + size
                    + " DPUs: " + response.getResultsList());
        }
    }

    private static void report(int size, String mode, int requestBytes, Duration measure, Probe probe,
            IntSupplier call) {
        // Warm up (JIT on both sides of the wire): half the measuring time, and at least 30 calls.
        Instant warmUntil = Instant.now().plus(measure.dividedBy(2));
        for (int warm = 0; warm < 30 || Instant.now().isBefore(warmUntil); warm++) {
            call.getAsInt();
        }
        int max = 100_000;
        long[] wall = new long[max];
        long[] cpu = new long[max];
        long allocated = 0;
        int calls = 0;
        int callsHit = 0;
        int responseBytes = 0;
        probe.begin();
        long processCpuAtBegin = probe.processCpuNanos();
        Instant until = Instant.now().plus(measure);
        while ((Instant.now().isBefore(until) || calls < 30) && calls < max) {
            Probe.Sample before = probe.sample();
            long start = System.nanoTime();
            responseBytes = call.getAsInt();
            wall[calls] = System.nanoTime() - start;
            Probe.Sample after = probe.sample();
            cpu[calls] = after.cpuNanos() - before.cpuNanos();
            allocated += after.allocatedBytes() - before.allocatedBytes();
            callsHit += after.collections() > before.collections() ? 1 : 0;
            calls++;
        }
        Probe.Pauses pauses = probe.end();
        long processCpu = probe.processCpuNanos() - processCpuAtBegin;
        long[] sortedWall = Arrays.copyOf(wall, calls);
        long[] sortedCpu = Arrays.copyOf(cpu, calls);
        Arrays.sort(sortedWall);
        Arrays.sort(sortedCpu);
        boolean inProcess = probe instanceof InProcessProbe;
        System.out.printf("%-8d %-10s %8.2f %8.2f %8.2f %8s %8s %9s %-22s %8.0f %9.0f %6d%n", size, mode,
                percentile(sortedWall, 50), percentile(sortedWall, 99), sortedWall[calls - 1] / 1e6,
                inProcess ? String.format("%.2f", percentile(sortedCpu, 50))
                        : processCpuAtBegin < 0 ? "-" : String.format("%.2f/c", processCpu / 1e6 / calls),
                inProcess ? String.format("%.2f", percentile(sortedCpu, 99)) : "-",
                inProcess ? String.format("%.2f", allocated / (double) calls / (1 << 20)) : "-",
                String.format("%d/%.0f/%s", pauses.count(), pauses.totalMillis(), inProcess ? callsHit : "-"),
                requestBytes / 1024.0, responseBytes / 1024.0, calls);
    }

    private static double percentile(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** What a measurement counts besides wall-clock time: CPU, allocation and garbage collections. */
    private interface Probe {

        record Sample(long cpuNanos, long allocatedBytes, long collections) {
        }

        record Pauses(int count, double totalMillis) {
        }

        /** CPU time the server spent, all its threads (gRPC, GC, JIT) together; -1 when unknown. */
        default long processCpuNanos() {
            return -1;
        }

        void begin();

        Sample sample();

        Pauses end();
    }

    /** The calling thread's CPU time and allocation, and this JVM's collections (GarbageCollectorMXBeans). */
    private static final class InProcessProbe implements Probe {

        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        private long countAtBegin;
        private long millisAtBegin;

        @Override
        public void begin() {
            countAtBegin = collections();
            millisAtBegin = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        }

        @Override
        public Sample sample() {
            return new Sample(threads.getCurrentThreadCpuTime(), threads.getThreadAllocatedBytes(
                    Thread.currentThread().getId()), collections());
        }

        @Override
        public Pauses end() {
            return new Pauses((int) (collections() - countAtBegin),
                    collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() - millisAtBegin);
        }

        private long collections() {
            return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        }
    }

    /** The server's pauses, from the GC log it writes ({@code -Xlog:gc}); no per-call figures. */
    private record ServerGcLog(Path log, long[] offset, Process process) implements Probe {

        @Override
        public void begin() {
            offset[0] = size();
        }

        @Override
        public long processCpuNanos() {
            return process == null ? -1 : process.toHandle().info().totalCpuDuration().map(Duration::toNanos)
                    .orElse(-1L);
        }

        @Override
        public Sample sample() {
            return new Sample(0, 0, 0);
        }

        @Override
        public Pauses end() {
            if (log == null) {
                return new Pauses(0, 0);
            }
            try {
                byte[] all = Files.readAllBytes(log);
                String written = new String(all, (int) Math.min(offset[0], all.length),
                        (int) Math.max(0, all.length - offset[0]), java.nio.charset.StandardCharsets.UTF_8);
                int count = 0;
                double total = 0;
                for (String line : written.split("\n")) {
                    Matcher pause = GC_PAUSE.matcher(line.strip());
                    if (pause.find()) {
                        count++;
                        total += Double.parseDouble(pause.group(1));
                    }
                }
                return new Pauses(count, total);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private long size() {
            try {
                return log == null ? 0 : Files.size(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The packaged function server, started insecure on a free port, stopped by its process id. */
    private record RunningFunction(Process process, ManagedChannel channel, Path gc) implements AutoCloseable {

        static RunningFunction start(Path jar, List<String> jvmOptions) throws IOException, InterruptedException {
            int port;
            int metrics;
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
                port = a.getLocalPort();
                metrics = b.getLocalPort();
            }
            Path log = Files.createTempFile("function-dpuplane", ".log");
            Path gc = Files.createTempFile("function-dpuplane", ".gc.log");
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-Xlog:gc:file=" + gc, "-Dquarkus.http.port=" + metrics, "-jar", jar.toString(),
                    "--insecure", "--address", "127.0.0.1:" + port));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            Instant deadline = Instant.now().plusSeconds(60);
            while (!listening(port)) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    process.destroy();
                    throw new IllegalStateException("function-dpuplane did not start: " + Files.readString(log));
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
            return new RunningFunction(process, channel("127.0.0.1", port), gc);
        }

        /** A function already listening (plain text) at host:port, e.g. one started with a profiler. */
        static RunningFunction at(String target) {
            int colon = target.lastIndexOf(':');
            return new RunningFunction(null, channel(target.substring(0, colon),
                    Integer.parseInt(target.substring(colon + 1))), null);
        }

        private static ManagedChannel channel(String host, int port) {
            return NettyChannelBuilder.forAddress(host, port).usePlaintext().maxInboundMessageSize(MAX_MESSAGE)
                    .build();
        }

        Probe gcLog() {
            return new ServerGcLog(gc, new long[1], process);
        }

        byte[] call(byte[] request) {
            return ClientCalls.blockingUnaryCall(channel, RUN_FUNCTION,
                    CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), request);
        }

        private static boolean listening(int port) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            if (process != null) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
