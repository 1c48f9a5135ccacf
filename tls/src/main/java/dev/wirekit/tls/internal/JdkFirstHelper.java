package dev.wirekit.tls.internal;

import dev.wirekit.tls.internal.pki.BcProvider;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
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

    @Override
    public Signature createSignature(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createSignature(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return Signature.getInstance(algorithm, BcProvider.get());
        }
    }

    @Override
    public AlgorithmParameters createAlgorithmParameters(String algorithm) throws NoSuchAlgorithmException {
        try {
            return super.createAlgorithmParameters(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return AlgorithmParameters.getInstance(algorithm, BcProvider.get());
        }
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
