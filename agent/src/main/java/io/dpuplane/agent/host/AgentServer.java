package io.dpuplane.agent.host;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The agent's gRPC server: mutual TLS only, with certificates from a directory in the Crossplane layout
 * ({@code tls.crt}, {@code tls.key}, and {@code ca.crt} that every client certificate must chain to). The
 * files are a mounted Secret that the provider or cert-manager rotates: they are looked at again at most every
 * {@link #CERTIFICATE_RECHECK}, and new connections use the new ones; no restart.
 */
public final class AgentServer implements AutoCloseable {

    /** How often a handshake may re-read the certificate files. */
    public static final Duration CERTIFICATE_RECHECK = Duration.ofSeconds(5);

    private final Server server;

    private AgentServer(Server server) {
        this.server = server;
    }

    public static AgentServer start(InetSocketAddress address, Path certsDir, BindableService service) {
        try {
            var tls = ReloadingTls.server(certsDir, CERTIFICATE_RECHECK);
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
