package io.dpuplane.agent.host;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.KeyManagerFactoryWrapper;
import io.netty.handler.ssl.util.TrustManagerFactoryWrapper;
import java.net.Socket;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A server TLS context that takes its certificate and its trusted CAs from a {@link CertificateDirectory} on
 * every handshake: connections made after a rotation use the new files, open ones keep theirs.
 */
final class ReloadingTls {

    private ReloadingTls() {
    }

    /** Mutual TLS (a client certificate required) from the files in {@code dir}, re-read at most every {@code recheck}. */
    static SslContext server(Path dir, Duration recheck) throws SSLException {
        CertificateDirectory files = new CertificateDirectory(dir, recheck, Clock.systemUTC());
        return GrpcSslContexts.configure(SslContextBuilder.forServer(new KeyManagerFactoryWrapper(new Keys(files)))
                .trustManager(new TrustManagerFactoryWrapper(new Trust(files)))
                .clientAuth(ClientAuth.REQUIRE)).build();
    }

    /**
     * The current identity; the alias names its generation, so that a handshake gets its key and chain from the
     * same version of the files even when they change in between.
     */
    private static final class Keys extends X509ExtendedKeyManager {

        private final CertificateDirectory files;

        Keys(CertificateDirectory files) {
            this.files = files;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            CertificateDirectory.Credentials now = files.current();
            return now.keys().chooseEngineServerAlias(keyType, issuers, engine) == null ? null : alias(now);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            CertificateDirectory.Credentials now = files.current();
            return now.keys().chooseServerAlias(keyType, issuers, socket) == null ? null : alias(now);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            CertificateDirectory.Credentials at = generation(alias);
            return at == null ? null : at.keys().getCertificateChain(CertificateDirectory.ALIAS);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            CertificateDirectory.Credentials at = generation(alias);
            return at == null ? null : at.keys().getPrivateKey(CertificateDirectory.ALIAS);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {alias(files.current())};
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        private static String alias(CertificateDirectory.Credentials credentials) {
            return "generation-" + credentials.generation();
        }

        private CertificateDirectory.Credentials generation(String alias) {
            if (alias == null || !alias.startsWith("generation-")) {
                return null;
            }
            return files.generation(Integer.parseInt(alias.substring("generation-".length())));
        }
    }

    /** The current trusted CAs. */
    private static final class Trust extends X509ExtendedTrustManager {

        private final CertificateDirectory files;

        Trust(CertificateDirectory files) {
            this.files = files;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            files.current().trust().checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            files.current().trust().checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            files.current().trust().checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("the agent's server does not check servers");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the agent's server does not check servers");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the agent's server does not check servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return files.current().trust().getAcceptedIssuers();
        }
    }
}
