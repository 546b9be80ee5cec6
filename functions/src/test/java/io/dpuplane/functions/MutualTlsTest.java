package io.dpuplane.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import io.dpuplane.functions.proto.v1.FunctionRunnerServiceGrpc;
import io.dpuplane.functions.proto.v1.RequestMeta;
import io.dpuplane.functions.proto.v1.RunFunctionRequest;
import io.dpuplane.functions.sdk.Structs;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/**
 * The server as Crossplane runs it: {@code TLS_SERVER_CERTS_DIR} with tls.crt, tls.key and ca.crt, mutual
 * TLS required. The configuration is exactly what {@link FunctionFlags} makes of that directory.
 */
@QuarkusTest
@TestProfile(MutualTlsTest.MutualTls.class)
class MutualTlsTest {

    static final int PORT = 19443;
    /** Written by the profile before the server starts, read by the tests (classloader-independent). */
    static final Path PKI = Path.of("target", "mtls-pki").toAbsolutePath();

    public static class MutualTls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestCertificateAuthority crossplaneCa = TestCertificateAuthority.create("crossplane-root-ca");
            crossplaneCa.issueLocalhostServer("function-dpuplane").writeTo(PKI.resolve("server"));
            crossplaneCa.issueClient("crossplane").writeTo(PKI.resolve("client"));
            TestCertificateAuthority.create("someone-else").issueClient("intruder").writeTo(PKI.resolve("stranger"));
            return FunctionFlags.parse(List.of(),
                    Map.of(FunctionFlags.TLS_CERTS_DIR_ENV, PKI.resolve("server").toString())).quarkusConfig();
        }
    }

    private static final RunFunctionRequest REQUEST = RunFunctionRequest.newBuilder()
            .setMeta(RequestMeta.newBuilder().setTag("mtls"))
            .setInput(Struct.newBuilder().putFields("apiVersion", Structs.text("fn.dpuplane.io/v1alpha1"))
                    .putFields("kind", Structs.text("Nonexistent")))
            .build();

    private static String call(UnaryOperator<NettyChannelBuilder> transport) throws InterruptedException {
        ManagedChannel channel = transport.apply(NettyChannelBuilder.forAddress("localhost", PORT)).build();
        try {
            return FunctionRunnerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .runFunction(REQUEST).getMeta().getTag();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static UnaryOperator<NettyChannelBuilder> tls(String clientCertificate) {
        return builder -> {
            try {
                SslContextBuilder ssl = GrpcSslContexts.forClient()
                        .trustManager(PKI.resolve("server").resolve("ca.crt").toFile());
                if (clientCertificate != null) {
                    Path dir = PKI.resolve(clientCertificate);
                    ssl.keyManager(dir.resolve("tls.crt").toFile(), dir.resolve("tls.key").toFile());
                }
                return builder.sslContext(ssl.build());
            } catch (SSLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void aClientWithACertificateFromCrossplanesCaIsServed() throws InterruptedException {
        assertThat(call(tls("client"))).isEqualTo("mtls");
    }

    @Test
    void aClientWithoutACertificateIsRefused() {
        assertThatThrownBy(() -> call(tls(null))).isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                        .isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    void aClientWithACertificateFromAnotherCaIsRefused() {
        assertThatThrownBy(() -> call(tls("stranger"))).isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                        .isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    void plainTextIsRefused() {
        assertThatThrownBy(() -> call(NettyChannelBuilder::usePlaintext)).isInstanceOf(StatusRuntimeException.class);
    }
}
