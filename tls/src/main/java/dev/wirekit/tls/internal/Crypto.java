package dev.wirekit.tls.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/** BouncyCastle's TLS crypto on the JDK's JCA providers (AES-GCM and SHA with CPU intrinsics). */
final class Crypto {
    private Crypto() {}

    /**
     * A crypto instance; thread-safe, one per layer. The JDK's providers do the work; BouncyCastle's
     * provider (never installed globally) covers the few algorithm names the JDK lacks.
     */
    static JcaTlsCrypto create() {
        JdkFirstHelper helper = new JdkFirstHelper();
        return new JcaTlsCrypto(helper, new BcSigningHelper(), new SecureRandom(), new SecureRandom()) {
            @Override
            protected TlsAEADCipherImpl createAEADCipher(
                    String cipherName, String algorithm, int keySize, boolean isEncrypting)
                    throws GeneralSecurityException {
                if ("AES/GCM/NoPadding".equals(cipherName)) {
                    return new GcmCipher(helper, keySize, isEncrypting);
                }
                return super.createAEADCipher(cipherName, algorithm, keySize, isEncrypting);
            }
        };
    }

    /** Signatures with keys the JDK refuses (BouncyCastle key objects): BouncyCastle's provider. */
    private static final class BcSigningHelper extends org.bouncycastle.jcajce.util.DefaultJcaJceHelper {
        @Override
        public java.security.Signature createSignature(String algorithm) throws java.security.NoSuchAlgorithmException {
            return java.security.Signature.getInstance(algorithm, dev.wirekit.tls.internal.pki.BcProvider.get());
        }
    }

    /** The X.509 certificates in a TLS Certificate message, leaf first. */
    static List<X509Certificate> chain(JcaTlsCrypto crypto, Certificate message) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        if (message == null) {
            return chain;
        }
        for (int i = 0; i < message.getLength(); i++) {
            chain.add(JcaTlsCertificate.convert(crypto, message.getCertificateAt(i))
                    .getX509Certificate());
        }
        return chain;
    }

    /** {@code TLSv1.3}, {@code TLSv1.2}, {@code DTLSv1.2}: the names the JDK uses. */
    static String protocolName(ProtocolVersion v) {
        if (v == null) {
            return "unknown";
        }
        if (ProtocolVersion.TLSv13.equals(v)) {
            return "TLSv1.3";
        }
        if (ProtocolVersion.TLSv12.equals(v)) {
            return "TLSv1.2";
        }
        if (ProtocolVersion.DTLSv12.equals(v)) {
            return "DTLSv1.2";
        }
        if (ProtocolVersion.DTLSv13.equals(v)) {
            return "DTLSv1.3";
        }
        return v.getName();
    }
}
