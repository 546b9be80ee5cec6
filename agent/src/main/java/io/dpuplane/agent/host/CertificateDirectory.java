package io.dpuplane.agent.host;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jboss.logging.Logger;

/**
 * The agent's mutual-TLS identity and trust, read from a directory that Kubernetes updates in place (a mounted
 * Secret: {@code tls.crt}, {@code tls.key}, {@code ca.crt}). The files are looked at again on a handshake at
 * most every {@code recheck}; changed and valid, they are used from then on, so a rotated certificate or CA is
 * served without a restart. A half-written or invalid update keeps the last good credentials (and is logged).
 */
final class CertificateDirectory {

    private static final Logger LOG = Logger.getLogger(CertificateDirectory.class);

    static final String ALIAS = "agent";

    private final Path dir;
    private final Duration recheck;
    private final Clock clock;
    private Credentials current;
    private Credentials previous;
    private byte[] contents;
    private Instant checkedAt;

    /** A key manager and a trust manager built from one version of the files (the generation counts versions). */
    record Credentials(int generation, X509ExtendedKeyManager keys, X509ExtendedTrustManager trust) {
    }

    CertificateDirectory(Path dir, Duration recheck, Clock clock) {
        this.dir = dir;
        this.recheck = recheck;
        this.clock = clock;
        byte[] read = read();
        this.current = load(read, 0);
        this.contents = read;
        this.checkedAt = clock.instant();
    }

    /** The credentials to use now, re-read if the files changed since the last look. */
    synchronized Credentials current() {
        Instant now = clock.instant();
        if (now.isBefore(checkedAt.plus(recheck))) {
            return current;
        }
        checkedAt = now;
        try {
            byte[] read = read();
            if (!Arrays.equals(read, contents)) {
                Credentials loaded = load(read, current.generation() + 1);
                previous = current;
                current = loaded;
                contents = read;
                LOG.infof("TLS credentials in %s changed; new connections use them", dir);
            }
        } catch (IllegalStateException e) {
            LOG.warnf("TLS credentials in %s changed but cannot be used (%s); keeping the previous ones", dir, e.getMessage());
        }
        return current;
    }

    /** The credentials of a generation still in use by a handshake (the current or the one before), if any. */
    synchronized Credentials generation(int generation) {
        if (current.generation() == generation) {
            return current;
        }
        return previous != null && previous.generation() == generation ? previous : null;
    }

    private byte[] read() {
        try {
            return (Files.readString(dir.resolve("tls.crt")) + "\0" + Files.readString(dir.resolve("tls.key")) + "\0"
                    + Files.readString(dir.resolve("ca.crt"))).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read tls.crt, tls.key and ca.crt in " + dir + ": " + e.getMessage(), e);
        }
    }

    private Credentials load(byte[] read, int generation) {
        String[] parts = new String(read, StandardCharsets.UTF_8).split("\0", 3);
        try {
            Collection<? extends Certificate> chain = certificates(parts[0], "tls.crt");
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry(ALIAS, privateKey(parts[1]), new char[0], chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, new char[0]);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int i = 0;
            for (Certificate ca : certificates(parts[2], "ca.crt")) {
                trusted.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            return new Credentials(generation, (X509ExtendedKeyManager) keys.getKeyManagers()[0],
                    (X509ExtendedTrustManager) trust.getTrustManagers()[0]);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the certificates in " + dir + " are not usable: " + e.getMessage(), e);
        }
    }

    private Collection<? extends Certificate> certificates(String pem, String file) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException(file + " holds no certificate");
        }
        return certificates;
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException("tls.key must be a PKCS#8 key (BEGIN PRIVATE KEY); with cert-manager, "
                    + "set privateKey.encoding: PKCS8");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").strip());
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("tls.key is not an EC, RSA or Ed25519 key", last);
    }
}
