package dev.wirekit.tls.internal;

import dev.wirekit.tls.KeyMaterial;
import dev.wirekit.tls.internal.pki.BcProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Locale;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * Turns key material into BouncyCastle signing credentials: picks the signature scheme the peer
 * accepts for our key type and protocol version, and wraps the chain.
 */
final class Credentials {
    private static final int[] EC_P256 = {SignatureScheme.ecdsa_secp256r1_sha256};
    private static final int[] EC_P384 = {SignatureScheme.ecdsa_secp384r1_sha384};
    private static final int[] EC_P521 = {SignatureScheme.ecdsa_secp521r1_sha512};
    /** TLS 1.2 pairs ECDSA with any hash, whatever the curve. */
    private static final int[] EC_12 = {
        SignatureScheme.ecdsa_secp256r1_sha256,
        SignatureScheme.ecdsa_secp384r1_sha384,
        SignatureScheme.ecdsa_secp521r1_sha512
    };

    private static final int[] RSA_13 = {
        SignatureScheme.rsa_pss_rsae_sha256, SignatureScheme.rsa_pss_rsae_sha384, SignatureScheme.rsa_pss_rsae_sha512
    };
    private static final int[] RSA_12 = {
        SignatureScheme.rsa_pss_rsae_sha256,
        SignatureScheme.rsa_pss_rsae_sha384,
        SignatureScheme.rsa_pss_rsae_sha512,
        SignatureScheme.rsa_pkcs1_sha256,
        SignatureScheme.rsa_pkcs1_sha384,
        SignatureScheme.rsa_pkcs1_sha512
    };
    private static final int[] ED25519 = {SignatureScheme.ed25519};
    private static final int[] ED448 = {SignatureScheme.ed448};

    private Credentials() {}

    /** The key's algorithm, with the JDK's generic {@code EdDSA} resolved to Ed25519 or Ed448. */
    static String algorithm(PrivateKey key) {
        String a = key.getAlgorithm().toUpperCase(Locale.ROOT);
        if (a.equals("EDDSA") && key instanceof EdECKey ed) {
            return ed.getParams().getName().toUpperCase(Locale.ROOT);
        }
        return a;
    }

    /**
     * The key as BouncyCastle's TLS signers want it: they recognise Edwards keys by the algorithm
     * names {@code Ed25519}/{@code Ed448}, which the JDK reports as {@code EdDSA}.
     */
    static PrivateKey forSigning(PrivateKey key) {
        String a = algorithm(key);
        if (!key.getAlgorithm().equalsIgnoreCase(a) && (a.equals("ED25519") || a.equals("ED448"))) {
            try {
                return KeyFactory.getInstance(a.equals("ED25519") ? "Ed25519" : "Ed448", BcProvider.get())
                        .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot convert the " + a + " key for signing", e);
            }
        }
        return key;
    }

    /** The key's family as TLS 1.2 suites name it. */
    static CipherSuites.Auth auth(PrivateKey key) {
        return switch (algorithm(key)) {
            case "RSA" -> CipherSuites.Auth.RSA;
            case "EC", "ECDSA", "ED25519", "ED448", "EDDSA" -> CipherSuites.Auth.ECDSA;
            default -> CipherSuites.Auth.ANY;
        };
    }

    /** The signature schemes our key can make, best first. */
    static int[] schemes(PrivateKey key, boolean tls13) {
        switch (algorithm(key)) {
            case "RSA":
                return tls13 ? RSA_13 : RSA_12;
            case "ED25519":
                return ED25519;
            case "ED448":
                return ED448;
            case "EC":
            case "ECDSA":
                if (!tls13) {
                    return EC_12;
                }
                int bits = key instanceof ECKey ec
                        ? ec.getParams().getCurve().getField().getFieldSize()
                        : 256;
                return bits <= 256 ? EC_P256 : bits <= 384 ? EC_P384 : EC_P521;
            default:
                return new int[0];
        }
    }

    /**
     * The first of our schemes the peer accepts (it sent {@code peerSigAlgs}, a vector of
     * SignatureAndHashAlgorithm, or null when it sent none), or null when there is none.
     */
    static SignatureAndHashAlgorithm choose(PrivateKey key, boolean tls13, Vector<?> peerSigAlgs) {
        for (int scheme : schemes(key, tls13)) {
            SignatureAndHashAlgorithm alg = SignatureScheme.getSignatureAndHashAlgorithm(scheme);
            if (peerSigAlgs == null || peerSigAlgs.contains(alg)) {
                return alg;
            }
        }
        return null;
    }

    /** A signer for {@code material}, or null when the peer accepts none of our schemes. */
    static TlsCredentialedSigner signer(
            TlsContext context,
            JcaTlsCrypto crypto,
            KeyMaterial.Snapshot material,
            boolean tls13,
            Vector<?> peerSigAlgs,
            byte[] certificateRequestContext) {
        SignatureAndHashAlgorithm alg = choose(material.privateKey(), tls13, peerSigAlgs);
        if (alg == null) {
            return null;
        }
        Certificate certificate = certificateMessage(crypto, material.chain(), tls13, certificateRequestContext);
        return new JcaDefaultTlsCredentialedSigner(
                new TlsCryptoParameters(context), crypto, forSigning(material.privateKey()), certificate, alg);
    }

    static Certificate certificateMessage(
            JcaTlsCrypto crypto, List<X509Certificate> chain, boolean tls13, byte[] certificateRequestContext) {
        if (tls13) {
            CertificateEntry[] entries = new CertificateEntry[chain.size()];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = new CertificateEntry(new JcaTlsCertificate(crypto, chain.get(i)), null);
            }
            return new Certificate(
                    certificateRequestContext == null ? new byte[0] : certificateRequestContext, entries);
        }
        TlsCertificate[] list = new TlsCertificate[chain.size()];
        for (int i = 0; i < list.length; i++) {
            list[i] = new JcaTlsCertificate(crypto, chain.get(i));
        }
        return new Certificate(list);
    }

    /** Every signature scheme we verify, for our signature_algorithms and certificate requests. */
    static Vector<SignatureAndHashAlgorithm> verifiable() {
        Vector<SignatureAndHashAlgorithm> v = new Vector<>();
        for (int s : new int[] {
            SignatureScheme.ecdsa_secp256r1_sha256,
            SignatureScheme.ecdsa_secp384r1_sha384,
            SignatureScheme.ecdsa_secp521r1_sha512,
            SignatureScheme.ed25519,
            SignatureScheme.ed448,
            SignatureScheme.rsa_pss_rsae_sha256,
            SignatureScheme.rsa_pss_rsae_sha384,
            SignatureScheme.rsa_pss_rsae_sha512,
            SignatureScheme.rsa_pss_pss_sha256,
            SignatureScheme.rsa_pss_pss_sha384,
            SignatureScheme.rsa_pss_pss_sha512,
            SignatureScheme.rsa_pkcs1_sha256,
            SignatureScheme.rsa_pkcs1_sha384,
            SignatureScheme.rsa_pkcs1_sha512
        }) {
            v.add(SignatureScheme.getSignatureAndHashAlgorithm(s));
        }
        return v;
    }
}
