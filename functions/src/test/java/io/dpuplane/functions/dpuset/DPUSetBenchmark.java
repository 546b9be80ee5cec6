package io.dpuplane.functions.dpuset;

import com.google.protobuf.InvalidProtocolBufferException;
import io.dpuplane.functions.FunctionDispatcher;
import io.dpuplane.functions.proto.v1.FunctionRunnerServiceGrpc;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.proto.v1.RunFunctionResponse;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * RunFunction latency (p50/p99) and response size of the DPUSet function for 100, 1,000 and 10,000 cards,
 * called in-process (the function logic on a freshly parsed request) and over gRPC against the packaged
 * function-dpuplane ({@code java -jar quarkus-run.jar --insecure}), as Crossplane calls it: the server's
 * protobuf parsing and serialization included, the client's excluded (it sends and receives raw bytes).
 * {@code in-proc CPU} is the in-process call counted in the calling thread's CPU time, which a busy
 * machine's scheduling does not inflate (nor GC pauses, which run on other threads).
 * The request is a settled set: every card has its DPU, all Ready, so the function reads and composes all.
 *
 * <p>Run: {@code mvn -pl functions package -DskipTests exec:java}. Options: {@code -Dbench.sizes=100,1000}
 * {@code -Dbench.seconds=5} (measuring time per size and mode), {@code -Dbench.target=127.0.0.1:9443} (call a
 * function already running with {@code --insecure}, e.g. under a profiler, instead of starting one).
 */
public final class DPUSetBenchmark {

    private static final Revision REVISION = new Revision("bf-bundle-2.9.1", "standard");
    private static final int MAX_MESSAGE = 256 * 1024 * 1024;
    /** RunFunction as raw bytes: the client's own protobuf work is not the function's latency. */
    private static final MethodDescriptor<byte[], byte[]> RUN_FUNCTION = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(FunctionRunnerServiceGrpc.getRunFunctionMethod().getFullMethodName())
            .setRequestMarshaller(new RawBytes()).setResponseMarshaller(new RawBytes()).build();

    private DPUSetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "100,1000,10000").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 5));
        FunctionDispatcher inProcess = new FunctionDispatcher(List.of(new DPUSetFunction()));
        String target = System.getProperty("bench.target", "");
        Path jar = Path.of(System.getProperty("bench.functionJar", "functions/target/quarkus-app/quarkus-run.jar"));
        if (target.isEmpty() && !Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged function at " + jar + ": run `mvn -pl functions package "
                    + "-DskipTests` first");
        }
        System.out.printf("%-8s %-11s %9s %9s %9s %9s %10s %7s%n", "devices", "mode", "p50 ms", "p99 ms", "max ms",
                "req KiB", "resp KiB", "calls");
        try (RunningFunction server = target.isEmpty() ? RunningFunction.start(jar) : RunningFunction.at(target)) {
            for (int size : sizes) {
                byte[] request = settledFleet(size).toByteArray();
                check(size, inProcess.run(RunFunctionRequest.parseFrom(request)));
                check(size, RunFunctionResponse.parseFrom(server.call(request)));
                // In-process: the function on a freshly parsed request, as the server hands it over.
                report(size, "in-process", request.length, measure, () -> {
                    RunFunctionRequest fresh = parse(request);
                    long start = System.nanoTime();
                    RunFunctionResponse response = inProcess.run(fresh);
                    long nanos = System.nanoTime() - start;
                    return new Call(nanos, response.getSerializedSize());
                });
                // The same, counting only the CPU time of the calling thread: on a shared machine wall-clock
                // percentiles measure the neighbours as much as the function.
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                report(size, "in-proc CPU", request.length, measure, () -> {
                    RunFunctionRequest fresh = parse(request);
                    long start = threads.getCurrentThreadCpuTime();
                    RunFunctionResponse response = inProcess.run(fresh);
                    long nanos = threads.getCurrentThreadCpuTime() - start;
                    return new Call(nanos, response.getSerializedSize());
                });
                // gRPC: the round trip to the packaged server; parse, function and serialization all included.
                report(size, "gRPC", request.length, measure, () -> {
                    long start = System.nanoTime();
                    int bytes = server.call(request).length;
                    return new Call(System.nanoTime() - start, bytes);
                });
            }
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

    private record Call(long nanos, int responseBytes) {
    }

    private static void check(int size, RunFunctionResponse response) {
        if (response.getDesired().getResourcesCount() != size || response.getResultsCount() > 1) {
            throw new IllegalStateException("composed " + response.getDesired().getResourcesCount() + " of " + size
                    + " DPUs: " + response.getResultsList());
        }
    }

    private static void report(int size, String mode, int requestBytes, Duration measure, Supplier<Call> call) {
        // Warm up (JIT on both sides of the wire): half the measuring time, and at least 30 calls.
        Instant warmUntil = Instant.now().plus(measure.dividedBy(2));
        for (int warm = 0; warm < 30 || Instant.now().isBefore(warmUntil); warm++) {
            call.get();
        }
        long[] nanos = new long[100_000];
        int calls = 0;
        int responseBytes = 0;
        Instant until = Instant.now().plus(measure);
        while ((Instant.now().isBefore(until) || calls < 30) && calls < nanos.length) {
            Call result = call.get();
            nanos[calls++] = result.nanos();
            responseBytes = result.responseBytes();
        }
        long[] sorted = Arrays.copyOf(nanos, calls);
        Arrays.sort(sorted);
        System.out.printf("%-8d %-11s %9.2f %9.2f %9.2f %9.0f %10.0f %7d%n", size, mode, percentile(sorted, 50),
                percentile(sorted, 99), sorted[calls - 1] / 1e6, requestBytes / 1024.0, responseBytes / 1024.0, calls);
    }

    private static double percentile(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static RunFunctionRequest parse(byte[] request) {
        try {
            return RunFunctionRequest.parseFrom(request);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A marshaller that passes bytes through. */
    private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The packaged function server, started insecure on a free port, stopped by its process id. */
    private record RunningFunction(Process process, ManagedChannel channel) implements AutoCloseable {

        static RunningFunction start(Path jar) throws IOException, InterruptedException {
            int port;
            int metrics;
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
                port = a.getLocalPort();
                metrics = b.getLocalPort();
            }
            Path log = Files.createTempFile("function-dpuplane", ".log");
            Process process = new ProcessBuilder("java", "-Dquarkus.http.port=" + metrics, "-jar",
                    jar.toString(), "--insecure", "--address", "127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Instant deadline = Instant.now().plusSeconds(60);
            while (!listening(port)) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    process.destroy();
                    throw new IllegalStateException("function-dpuplane did not start: " + Files.readString(log));
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
            return new RunningFunction(process, channel("127.0.0.1", port));
        }

        /** A function already listening (plain text) at host:port, e.g. one started with a profiler. */
        static RunningFunction at(String target) {
            int colon = target.lastIndexOf(':');
            return new RunningFunction(null, channel(target.substring(0, colon),
                    Integer.parseInt(target.substring(colon + 1))));
        }

        private static ManagedChannel channel(String host, int port) {
            return NettyChannelBuilder.forAddress(host, port).usePlaintext().maxInboundMessageSize(MAX_MESSAGE)
                    .build();
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
