package io.streamsuite.topologies.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made up for one test run, and the keystores of the identities it certifies: PKCS12 files
 * under a directory, each with a random password, so that a test can search logs for the passwords and keys it made.
 *
 * <p>Every certificate it issues names {@code localhost} and {@code 127.0.0.1}, so clients keep verifying host names
 * ({@code ssl.endpoint.identification.algorithm=https}, Kafka's default) against a broker that uses one; its subject
 * is {@code CN=<name>}, which Kafka's default principal mapping turns into the principal {@code User:CN=<name>}.
 */
public final class TestCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(2);

    /** A PKCS12 keystore holding one identity's key and its certificate chain, and the keystore's password. */
    public record KeyStoreFile(Path path, String password) {
    }

    private final Path directory;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final KeyStoreFile truststore;
    private final Path caPem;
    private final Map<String, String> privateKeys = new ConcurrentHashMap<>();

    private TestCertificates(Path directory, KeyPair caKeys, X509Certificate caCertificate) throws IOException, GeneralSecurityException {
        this.directory = directory;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", caCertificate);
        this.truststore = write(trust, directory.resolve("ca.p12"), randomSecret());
        this.caPem = directory.resolve("ca.crt");
        Files.writeString(caPem, pem("CERTIFICATE", caCertificate.getEncoded()));
    }

    /** A new CA whose files (the truststore {@code ca.p12} and {@code ca.crt} in PEM) go to {@code directory}. */
    public static TestCertificates createAuthority(Path directory) {
        try {
            Files.createDirectories(directory);
            KeyPair keys = newKeyPair();
            X500Name name = new X500Name("CN=streams-suite test CA");
            X509v3CertificateBuilder builder = builder(name, name, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestCertificates(directory, keys, sign(builder, keys));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot create a test CA", e);
        }
    }

    /**
     * A key pair and a certificate for {@code CN=<commonName>}, signed by this CA, good for both ends of TLS, in the
     * keystore {@code <commonName>.p12}.
     */
    public KeyStoreFile issue(String commonName) {
        try {
            KeyPair keys = newKeyPair();
            GeneralNames localhost = new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
            X509v3CertificateBuilder builder = builder(new X500Name("CN=" + commonName),
                    new X500Name(caCertificate.getSubjectX500Principal().getName()), keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, localhost);
            X509Certificate certificate = sign(builder, caKeys);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            String password = randomSecret();
            store.setKeyEntry(commonName, keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate, caCertificate});
            KeyStoreFile file = write(store, directory.resolve(commonName + ".p12"), password);
            privateKeys.put(commonName, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot issue a certificate for " + commonName, e);
        }
    }

    /** The PKCS12 truststore holding the CA certificate, with its password. */
    public KeyStoreFile truststore() {
        return truststore;
    }

    /** The CA certificate in PEM, for {@code ssl.truststore.type=PEM}. */
    public Path caCertificatePem() {
        return caPem;
    }

    /** The private key of an identity issued before, in PEM, as a test that searches logs for key material needs it. */
    public String privateKeyPem(String commonName) {
        return privateKeys.get(commonName);
    }

    /** 24 random hex characters: a password no log could contain by chance. */
    public static String randomSecret() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static KeyStoreFile write(KeyStore store, Path path, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, password.toCharArray());
        }
        return new KeyStoreFile(path, password);
    }

    private static X509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
