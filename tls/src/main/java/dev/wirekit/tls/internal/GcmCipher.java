package dev.wirekit.tls.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * AES-GCM for BouncyCastle's record layer straight on the JDK's cipher (AES-NI and CLMUL
 * intrinsics). BouncyCastle's own JCA adapter builds an {@code AlgorithmParameters} object through a
 * provider lookup for every record; this passes a {@link GCMParameterSpec} instead, which measurably
 * lifts bulk throughput (see docs/BENCHMARKS.md).
 */
final class GcmCipher implements TlsAEADCipherImpl {
    private final Cipher cipher;
    private final int mode;
    private final int keySize;
    private SecretKeySpec key;

    GcmCipher(JcaJceHelper helper, int keySize, boolean encrypting) throws GeneralSecurityException {
        this.cipher = helper.createCipher("AES/GCM/NoPadding");
        this.mode = encrypting ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        this.keySize = keySize;
    }

    @Override
    public void setKey(byte[] k, int keyOff, int keyLen) {
        if (keyLen != keySize) {
            throw new IllegalStateException("AES-GCM key of " + keyLen + " bytes, expected " + keySize);
        }
        key = new SecretKeySpec(k, keyOff, keyLen, "AES");
    }

    @Override
    public void init(byte[] nonce, int macSize) {
        try {
            cipher.init(mode, key, new GCMParameterSpec(macSize * 8, nonce));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise AES-GCM: " + e.getMessage(), e);
        }
    }

    @Override
    public int getOutputSize(int inputLength) {
        return cipher.getOutputSize(inputLength);
    }

    @Override
    public int doFinal(
            byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset) {
        try {
            if (additionalData != null && additionalData.length > 0) {
                cipher.updateAAD(additionalData);
            }
            // one call for the whole record: decryption releases nothing before the tag is checked
            return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e.getMessage(), e); // BouncyCastle answers with bad_record_mac
        }
    }
}
