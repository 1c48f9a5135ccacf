package dev.wirekit.tls.internal;

import dev.wirekit.tls.internal.pki.BcProvider;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;

/**
 * The JDK's providers first (AES-GCM, SHA-2, ECDSA and X25519 with CPU intrinsics), BouncyCastle's
 * provider instance for the algorithm names only it knows (BouncyCastle's TLS asks for RSA-PSS as
 * {@code SHA256WITHRSAANDMGF1}, which the JDK calls {@code RSASSA-PSS}).
 */
final class JdkFirstHelper extends DefaultJcaJceHelper {
    private final ConcurrentHashMap<String, Provider> parameterProviders = new ConcurrentHashMap<>();

    @Override
    public Signature createSignature(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createSignature(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return Signature.getInstance(algorithm, BcProvider.get());
        }
    }

    /**
     * BouncyCastle asks for a fresh {@code GCM} AlgorithmParameters for every record; remembering
     * which provider supplied it skips the search through the provider list each time.
     */
    @Override
    public AlgorithmParameters createAlgorithmParameters(String algorithm) throws NoSuchAlgorithmException {
        Provider known = parameterProviders.get(algorithm);
        if (known != null) {
            return AlgorithmParameters.getInstance(algorithm, known);
        }
        AlgorithmParameters made;
        try {
            made = super.createAlgorithmParameters(algorithm);
        } catch (NoSuchAlgorithmException e) {
            made = AlgorithmParameters.getInstance(algorithm, BcProvider.get());
        }
        parameterProviders.put(algorithm, made.getProvider());
        return made;
    }

    @Override
    public KeyFactory createKeyFactory(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createKeyFactory(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return KeyFactory.getInstance(algorithm, BcProvider.get());
        }
    }

    @Override
    public KeyAgreement createKeyAgreement(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createKeyAgreement(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return KeyAgreement.getInstance(algorithm, BcProvider.get());
        }
    }

    @Override
    public Cipher createCipher(String algorithm) throws NoSuchAlgorithmException, NoSuchPaddingException {
        try {
            return super.createCipher(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return Cipher.getInstance(algorithm, BcProvider.get());
        }
    }

    @Override
    public Mac createMac(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createMac(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return Mac.getInstance(algorithm, BcProvider.get());
        }
    }

    @Override
    public MessageDigest createMessageDigest(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createMessageDigest(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return MessageDigest.getInstance(algorithm, BcProvider.get());
        }
    }

    @Override
    public MessageDigest createDigest(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createDigest(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return MessageDigest.getInstance(algorithm, BcProvider.get());
        }
    }
}
