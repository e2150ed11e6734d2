package org.orderly.gateway.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.orderly.text.TextFile;

/**
 * Certificates and keys as installers get them from openssl or a CA: PEM files. Used for the gateway's client
 * certificate towards the grid company's broker and for the local page's HTTPS. Read as text ({@link TextFile}), at
 * start and again at a renewal or a reconnect: a file that is not (Latin-1 bytes, a DER file, a directory, a link that
 * loops) is one line naming it and what is wrong, not "No certificate data found", "Input length = 1" or "Is a
 * directory" with no file named.
 */
public final class PemFiles {
    /** The password of a key store made here; it never leaves memory. */
    public static final char[] NO_PASSWORD = new char[0];

    private PemFiles() {
    }

    /** A key store holding {@code keyPem}'s private key under {@code alias}, with {@code certPem}'s chain. */
    public static KeyStore keyStore(String alias, Path certPem, Path keyPem) throws IOException, GeneralSecurityException {
        PrivateKey key = privateKey(keyPem);
        Certificate[] chain = certificates(certPem).toArray(new Certificate[0]);
        checkPair(key, chain[0], certPem, keyPem);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(alias, key, NO_PASSWORD, chain);
        return keys;
    }

    /**
     * A key that is not the certificate's would only show as every TLS handshake failing; said at once instead, by
     * signing a probe with the key and verifying it with the certificate.
     */
    private static void checkPair(PrivateKey key, Certificate cert, Path certPem, Path keyPem)
            throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "orderly: is this the certificate's key?".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(probe);
            matches = verify.verify(sign.sign());
        } catch (InvalidKeyException | SignatureException differentKinds) {
            matches = false;
        }
        if (!matches) {
            throw new GeneralSecurityException(keyPem + " is not the private key of the first certificate in " + certPem);
        }
    }

    public static Collection<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        byte[] text = TextFile.read(pem).getBytes(StandardCharsets.UTF_8);
        Collection<? extends Certificate> certs;
        try {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(text));
        } catch (CertificateException e) {
            // The parser's own words ("java.io.IOException: Incomplete data": a file caught half written) name no file.
            throw new CertificateException(pem + " cannot be read as PEM certificates: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException(pem + " holds no PEM certificate");
        }
        return certs;
    }

    public static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(TextFile.read(pem)))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new GeneralSecurityException(pem + " holds no unencrypted PEM private key (found "
                    + (o == null ? "nothing" : o.getClass().getSimpleName()) + ")");
        }
    }
}
