package org.orderly.gateway.upstream;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate authority made at test time with Bouncy Castle: it signs server and client certificates (PEM files). */
public final class TestCa {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final int POOL = 8;
    private static final KeyPair[] KEYS = new KeyPair[POOL];
    private static int drawn;

    private final String name;
    private final KeyPair keys;
    private final X509Certificate cert;
    public final Path certFile;

    public TestCa(Path dir, String name) throws Exception {
        this.name = name;
        this.keys = rsa();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = builder(new X500Name("CN=" + name), new X500Name("CN=" + name), keys,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(2)));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        this.cert = sign(b, keys);
        Files.createDirectories(dir);
        this.certFile = dir.resolve(name + ".pem");
        pem(certFile, cert);
    }

    /** A certificate and PKCS#8 key for {@code cn}, valid for the given names (DNS or IP); returns {cert, key}. */
    public Path[] issue(Path dir, String cn, GeneralName... names) throws Exception {
        Instant now = Instant.now();
        return issue(dir, cn, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(2)), names);
    }

    /** As {@link #issue(Path, String, GeneralName...)}, valid from {@code notBefore} to {@code notAfter}. */
    public Path[] issue(Path dir, String cn, Instant notBefore, Instant notAfter, GeneralName... names)
            throws Exception {
        KeyPair k = rsa();
        JcaX509v3CertificateBuilder b = builder(new X500Name("CN=" + name), new X500Name("CN=" + cn), k, notBefore,
                notAfter);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        if (names.length > 0) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        X509Certificate c = sign(b, keys);
        Path certOut = dir.resolve(cn + "-by-" + name + ".pem");
        Path keyOut = dir.resolve(cn + "-by-" + name + ".key");
        pem(certOut, c);
        pem(keyOut, new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k.getPrivate(), null).generate());
        return new Path[] {certOut, keyOut};
    }

    public static GeneralName ip(String address) {
        return new GeneralName(GeneralName.iPAddress, address);
    }

    public static GeneralName dns(String host) {
        return new GeneralName(GeneralName.dNSName, host);
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair k, Instant notBefore,
                                                      Instant notAfter) {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), subject, k.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    }

    /**
     * An RSA 2048 key pair from a pool made once per JVM and handed out in turn. Making one takes 0.1 to 1 s on a
     * loaded machine, and the TLS tests made two to five for each test (CAs, servers, clients). A test draws its keys
     * in a row, at most five, fewer than {@value #POOL}, so the keys within one test all differ, as a key that is not
     * the certificate's, a renewed certificate whose key has not arrived, or another CA's signature needs. RSA, not the
     * faster EC: the operators' certificates are RSA (docs/web.md's openssl line), and no other test makes one.
     */
    private static synchronized KeyPair rsa() throws GeneralSecurityException {
        int i = drawn++ % POOL;
        if (KEYS[i] == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KEYS[i] = g.generateKeyPair();
        }
        return KEYS[i];
    }

    private static void pem(Path file, Object o) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
    }
}
