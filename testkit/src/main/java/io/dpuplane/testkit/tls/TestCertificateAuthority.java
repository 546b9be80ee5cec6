package io.dpuplane.testkit.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A short-lived certificate authority for mTLS in tests and the sandbox: it issues server certificates
 * (with DNS and IP SANs) and client certificates, valid for a few hours.
 */
public final class TestCertificateAuthority {

    private static final Duration VALIDITY = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private TestCertificateAuthority(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A new self-signed CA with the given common name. */
    public static TestCertificateAuthority create(String commonName) {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500Name("CN=" + commonName);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(subject, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new TestCertificateAuthority(keys, sign(builder, keys));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create test CA " + commonName, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A server certificate for these host names and IP addresses (SANs). */
    public IssuedCertificate issueServer(String commonName, List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> sans = new ArrayList<>();
        dnsNames.forEach(name -> sans.add(new GeneralName(GeneralName.dNSName, name)));
        ipAddresses.forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
        return issue(commonName, KeyPurposeId.id_kp_serverAuth, sans);
    }

    /** A server certificate valid for {@code localhost} and {@code 127.0.0.1}. */
    public IssuedCertificate issueLocalhostServer(String commonName) {
        return issueServer(commonName, List.of("localhost"), List.of("127.0.0.1"));
    }

    /**
     * A host agent's server certificate: the name the provider checks on every agent ({@code dpuplane-agent},
     * ProviderConfig agent.serverName) and the loopback addresses.
     */
    public IssuedCertificate issueAgentServer(String commonName) {
        return issueServer(commonName, List.of("dpuplane-agent", "localhost"), List.of("127.0.0.1"));
    }

    /** A client certificate with the given common name. */
    public IssuedCertificate issueClient(String commonName) {
        return issue(commonName, KeyPurposeId.id_kp_clientAuth, List.of());
    }

    private IssuedCertificate issue(String commonName, KeyPurposeId purpose, List<GeneralName> sans) {
        KeyPair keys = newKeyPair();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(
                    new X500Name(certificate.getSubjectX500Principal().getName()), new X500Name("CN=" + commonName), keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate));
            if (!sans.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            return new IssuedCertificate(keys.getPrivate(), sign(builder, keyPair), certificate);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue certificate " + commonName, e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC key generator", e);
        }
    }
}
