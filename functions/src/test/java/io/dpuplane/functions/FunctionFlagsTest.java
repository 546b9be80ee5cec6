package io.dpuplane.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dpuplane.testkit.tls.IssuedCertificate;
import io.dpuplane.testkit.tls.TestCertificateAuthority;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionFlagsTest {

    @TempDir
    Path certs;

    private Path withCertificates() throws IOException {
        IssuedCertificate server = TestCertificateAuthority.create("crossplane-root-ca")
                .issueLocalhostServer("function-dpuplane");
        return server.writeTo(certs);
    }

    @Test
    void insecureServesPlainTextOn9443() {
        Map<String, String> config = FunctionFlags.parse(List.of("--insecure"), Map.of()).quarkusConfig();

        assertThat(config).containsEntry("quarkus.grpc.server.port", "9443")
                .containsEntry("quarkus.grpc.server.host", "0.0.0.0")
                .containsEntry("quarkus.grpc.server.plain-text", "true")
                .doesNotContainKey("quarkus.grpc.server.ssl.certificate");
    }

    @Test
    void certificatesFromTheEnvironmentServeMutualTlsOn9443() throws Exception {
        Path dir = withCertificates();
        Map<String, String> config = FunctionFlags.parse(List.of(),
                Map.of(FunctionFlags.TLS_CERTS_DIR_ENV, dir.toString())).quarkusConfig();

        assertThat(config).containsEntry("quarkus.grpc.server.port", "9443")
                .containsEntry("quarkus.grpc.server.plain-text", "false")
                .containsEntry("quarkus.grpc.server.ssl.certificate", dir.resolve("tls.crt").toString())
                .containsEntry("quarkus.grpc.server.ssl.key", dir.resolve("tls.key").toString())
                .containsEntry("quarkus.grpc.server.ssl.client-auth", "REQUIRED");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(config.get("quarkus.grpc.server.ssl.trust-store")))) {
            trust.load(in, config.get("quarkus.grpc.server.ssl.trust-store-password").toCharArray());
        }
        assertThat(((X509Certificate) trust.getCertificate("client-ca-0")).getSubjectX500Principal().getName())
                .isEqualTo("CN=crossplane-root-ca");
    }

    @Test
    void theFlagWinsOverTheEnvironmentAndInsecureWinsOverBoth() throws IOException {
        Path dir = withCertificates();
        Map<String, String> env = Map.of(FunctionFlags.TLS_CERTS_DIR_ENV, "/tls/server");

        assertThat(FunctionFlags.parse(List.of("--tls-certs-dir", dir.toString()), env).tlsCertsDir()).isEqualTo(dir);
        assertThat(FunctionFlags.parse(List.of("--tls-certs-dir=" + dir, "--insecure"), env).quarkusConfig())
                .containsEntry("quarkus.grpc.server.plain-text", "true")
                .doesNotContainKey("quarkus.grpc.server.ssl.certificate");
    }

    @Test
    void withoutCertificatesOrInsecureItRefusesToStartAndSaysWhatToDo() {
        assertThatThrownBy(() -> FunctionFlags.parse(List.of(), Map.of()))
                .isInstanceOf(FunctionFlags.UsageException.class)
                .hasMessageContaining("--tls-certs-dir").hasMessageContaining("TLS_SERVER_CERTS_DIR")
                .hasMessageContaining("--insecure");
        assertThatThrownBy(() -> FunctionFlags.parse(List.of("--tls-certs-dir", certs.toString()), Map.of()))
                .hasMessageContaining(certs.resolve("tls.crt").toString());
    }

    @Test
    void maxReceiveSizeIsInMebibytesAndTheAddressSetsHostAndPort() {
        Map<String, String> config = FunctionFlags.parse(
                List.of("--insecure", "--max-recv-message-size=128", "--address", "127.0.0.1:7443", "-d"), Map.of())
                .quarkusConfig();

        assertThat(config).containsEntry("quarkus.grpc.server.max-inbound-message-size", Long.toString(128L << 20))
                .containsEntry("quarkus.grpc.server.host", "127.0.0.1")
                .containsEntry("quarkus.grpc.server.port", "7443")
                .containsEntry("quarkus.log.category.\"io.dpuplane\".level", "DEBUG");
        assertThat(FunctionFlags.parse(List.of("--insecure"), Map.of()).quarkusConfig())
                .containsEntry("quarkus.grpc.server.max-inbound-message-size", Long.toString(64L << 20));
    }

    @Test
    void unknownFlagsAndBadNumbersAreUsageErrors() {
        assertThatThrownBy(() -> FunctionFlags.parse(List.of("--insecure", "--port=9443"), Map.of()))
                .hasMessageContaining("unknown flag --port=9443");
        assertThatThrownBy(() -> FunctionFlags.parse(List.of("--insecure", "--max-recv-message-size=0"), Map.of()))
                .hasMessageContaining("--max-recv-message-size must be a positive number");
    }
}
