package io.dpuplane.agent.host;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.ClientAuth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The agent's gRPC server: mutual TLS only, with certificates from a directory in the Crossplane layout
 * ({@code tls.crt}, {@code tls.key}, and {@code ca.crt} that every client certificate must chain to).
 */
public final class AgentServer implements AutoCloseable {

    private final Server server;

    private AgentServer(Server server) {
        this.server = server;
    }

    public static AgentServer start(InetSocketAddress address, Path certsDir, BindableService service) {
        try {
            var tls = GrpcSslContexts.forServer(certsDir.resolve("tls.crt").toFile(), certsDir.resolve("tls.key").toFile())
                    .trustManager(certsDir.resolve("ca.crt").toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
            Server server = NettyServerBuilder.forAddress(address).sslContext(tls).addService(service).build().start();
            return new AgentServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the agent's gRPC server on " + address + " with the "
                    + "certificates in " + certsDir, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
    }
}
