package io.dpuplane.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;

/**
 * The CA that signs Crossplane's client certificate ({@code ca.crt}, PEM, from the certificates directory)
 * as the PKCS#12 trust store the gRPC server's TLS settings take: they read no PEM trust store. Written
 * once at start-up to a private temporary file with a random password.
 */
record ClientCaTrustStore(Path file, String password) {

    static ClientCaTrustStore from(Path caPem) {
        try (InputStream pem = Files.newInputStream(caPem)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(pem);
            if (certificates.isEmpty()) {
                throw new FunctionFlags.UsageException(caPem + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("client-ca-" + index++, certificate);
            }
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Path file = Files.createTempFile("function-dpuplane-client-ca", ".p12",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return new ClientCaTrustStore(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot turn " + caPem + " into a trust store", e);
        } catch (GeneralSecurityException e) {
            throw new FunctionFlags.UsageException("cannot read the client CA " + caPem + ": " + e.getMessage());
        }
    }
}
