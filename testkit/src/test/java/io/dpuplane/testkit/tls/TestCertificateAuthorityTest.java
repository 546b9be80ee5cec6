package io.dpuplane.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the certificates make a working mutual-TLS pair, and that a client without one is refused. */
class TestCertificateAuthorityTest {

    private final TestCertificateAuthority ca = TestCertificateAuthority.create("dpuplane-test-ca");

    @Test
    void clientWithACertificateFromTheCaCompletesAMutualTlsHandshake() throws Exception {
        IssuedCertificate server = ca.issueLocalhostServer("agent");
        IssuedCertificate client = ca.issueClient("provider");
        assertThat(exchange(server.sslContext(), client.sslContext())).isEqualTo("pong");
    }

    @Test
    void clientWithoutACertificateIsRefused() throws Exception {
        IssuedCertificate server = ca.issueLocalhostServer("agent");
        SSLContext anonymous = SSLContext.getInstance("TLS");
        anonymous.init(null, IssuedCertificate.trustOnly(ca.certificate()).getTrustManagers(), null);
        assertThatThrownBy(() -> exchange(server.sslContext(), anonymous)).isInstanceOf(IOException.class);
    }

    @Test
    void clientThatTrustsAnotherCaRefusesTheServer() {
        IssuedCertificate server = ca.issueLocalhostServer("agent");
        IssuedCertificate stranger = TestCertificateAuthority.create("other-ca").issueClient("provider");
        assertThatThrownBy(() -> exchange(server.sslContext(), stranger.sslContext()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void writesTheTlsDirectoryLayoutCrossplaneReads(@TempDir Path dir) throws IOException {
        IssuedCertificate issued = ca.issueLocalhostServer("function");
        issued.writeTo(dir);
        assertThat(Files.readString(dir.resolve("tls.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(dir.resolve("tls.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(issued.caPem()).isNotEqualTo(issued.certificatePem());
    }

    private static String exchange(SSLContext serverContext, SSLContext clientContext) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<Void> serverSide = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.startHandshake();
                    InputStream in = accepted.getInputStream();
                    byte[] ping = in.readNBytes(4);
                    if (new String(ping).equals("ping")) {
                        accepted.getOutputStream().write("pong".getBytes());
                        accepted.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    // the client side reports the failure the test asserts on
                }
            });
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write("ping".getBytes());
                out.flush();
                byte[] reply = socket.getInputStream().readNBytes(4);
                if (reply.length < 4) {
                    throw new IOException("server closed the connection: the handshake was refused");
                }
                return new String(reply);
            } finally {
                serverSide.get(10, TimeUnit.SECONDS);
            }
        }
    }
}
