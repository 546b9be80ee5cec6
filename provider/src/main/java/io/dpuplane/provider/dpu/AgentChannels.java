package io.dpuplane.provider.dpu;

import io.dpuplane.agent.proto.v1.HostAgentGrpc;
import io.fabric8.kubernetes.api.model.Secret;
import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Mutual-TLS channels to host agents, one per agent endpoint, with the provider's client certificate from
 * the credentials Secret. Every agent's certificate must carry the configured server name (checked instead of
 * the host's address: a fleet's agents share one certificate). When the Secret changes (a rotated
 * certificate) the endpoint gets a new channel and the old one is shut down once its calls finish.
 */
public final class AgentChannels implements AutoCloseable {

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    // One TLS context per credentials version, shared by the channels to every agent: building one parses the key
    // and builds a key store, and a fleet has an endpoint per host.
    private final Map<String, SslContext> contexts = new ConcurrentHashMap<>();

    /** A channel and the credentials it was opened with. */
    private record Channel(String credentials, ManagedChannel channel) {
    }

    /** A stub for the agent at {@code endpoint} (host:port), each call bounded by the deadline. */
    public HostAgentGrpc.HostAgentBlockingStub agent(String endpoint, String serverName, Secret credentials,
            long deadlineSeconds) {
        String version = serverName + "@" + credentials.getMetadata().getUid() + "/"
                + credentials.getMetadata().getResourceVersion();
        Channel known = channels.get(endpoint);
        if (known != null && known.credentials.equals(version)) {
            // The common case, without the map's lock: a wave's hundred workers each asked for a channel through
            // compute(), and waited there for whichever of them was opening another agent's channel.
            return stub(known, deadlineSeconds);
        }
        Channel current = channels.compute(endpoint, (key, open) -> {
            if (open != null && open.credentials.equals(version)) {
                return open;
            }
            if (open != null) {
                open.channel.shutdown();
            }
            SslContext tls = contexts.computeIfAbsent(version, v -> tls(credentials));
            return new Channel(version, open(endpoint, serverName, tls));
        });
        if (contexts.size() > 1) {
            contexts.keySet().removeIf(v -> channels.values().stream().noneMatch(c -> c.credentials.equals(v)));
        }
        return stub(current, deadlineSeconds);
    }

    private static HostAgentGrpc.HostAgentBlockingStub stub(Channel open, long deadlineSeconds) {
        return HostAgentGrpc.newBlockingStub(open.channel).withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS);
    }

    private static ManagedChannel open(String endpoint, String serverName, SslContext tls) {
        int colon = endpoint.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("agent endpoint " + endpoint + " has no port");
        }
        return NettyChannelBuilder.forAddress(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)))
                .overrideAuthority(serverName).sslContext(tls).build();
    }

    private static SslContext tls(Secret credentials) {
        try {
            return GrpcSslContexts.forClient()
                    .trustManager(new ByteArrayInputStream(data(credentials, "ca.crt")))
                    .keyManager(new ByteArrayInputStream(data(credentials, "tls.crt")),
                            new ByteArrayInputStream(data(credentials, "tls.key")))
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("the agent credentials in Secret " + credentials.getMetadata().getNamespace()
                    + "/" + credentials.getMetadata().getName() + " are not a usable certificate and key: " + e.getMessage(), e);
        }
    }

    private static byte[] data(Secret secret, String key) {
        String value = secret.getData() == null ? null : secret.getData().get(key);
        if (value == null) {
            throw new IllegalStateException("Secret " + secret.getMetadata().getNamespace() + "/"
                    + secret.getMetadata().getName() + " has no " + key + " (it needs ca.crt, tls.crt and tls.key)");
        }
        return Base64.getDecoder().decode(value);
    }

    @Override
    public void close() {
        channels.values().forEach(c -> c.channel.shutdownNow());
    }
}
