package dev.wirekit.tls.internal.pki;

import java.security.Provider;

/**
 * One BouncyCastle JCA provider instance for what the JDK's providers lack (RSA-PSS under
 * BouncyCastle's algorithm names, some PBE schemes of encrypted keys). Never installed with
 * {@link java.security.Security}: made on first need and passed explicitly, so the application's
 * provider list is untouched.
 */
public final class BcProvider {
    private static volatile Provider provider;

    private BcProvider() {}

    public static Provider get() {
        Provider p = provider;
        if (p == null) {
            synchronized (BcProvider.class) {
                p = provider;
                if (p == null) {
                    p = new org.bouncycastle.jce.provider.BouncyCastleProvider();
                    provider = p;
                }
            }
        }
        return p;
    }
}
