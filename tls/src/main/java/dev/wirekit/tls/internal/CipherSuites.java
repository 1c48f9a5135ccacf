package dev.wirekit.tls.internal;

import dev.wirekit.tls.TlsDefaults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;

/** The suites and groups Wirekit can enable: standard names to BouncyCastle's codes. */
public final class CipherSuites {

    /** What authenticates a TLS 1.2 suite's key exchange; TLS 1.3 suites are independent of it. */
    public enum Auth {
        ANY,
        ECDSA,
        RSA
    }

    public record Suite(String name, int code, boolean tls13, Auth auth) {}

    private static final Map<String, Suite> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, Integer> GROUPS = new LinkedHashMap<>();

    static {
        add("TLS_AES_128_GCM_SHA256", CipherSuite.TLS_AES_128_GCM_SHA256, true, Auth.ANY);
        add("TLS_AES_256_GCM_SHA384", CipherSuite.TLS_AES_256_GCM_SHA384, true, Auth.ANY);
        add("TLS_CHACHA20_POLY1305_SHA256", CipherSuite.TLS_CHACHA20_POLY1305_SHA256, true, Auth.ANY);
        add(
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                false,
                Auth.ECDSA);
        add(
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                false,
                Auth.RSA);
        add(
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                false,
                Auth.ECDSA);
        add(
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                false,
                Auth.RSA);
        add(
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                false,
                Auth.ECDSA);
        add(
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                false,
                Auth.RSA);
        GROUPS.put("x25519", NamedGroup.x25519);
        GROUPS.put("secp256r1", NamedGroup.secp256r1);
        GROUPS.put("secp384r1", NamedGroup.secp384r1);
        GROUPS.put("x448", NamedGroup.x448);
        if (!BY_NAME.keySet().containsAll(TlsDefaults.SUPPORTED_CIPHER_SUITES)
                || !GROUPS.keySet().containsAll(TlsDefaults.SUPPORTED_NAMED_GROUPS)) {
            throw new AssertionError("TlsDefaults lists a suite or group without a code");
        }
    }

    private CipherSuites() {}

    private static void add(String name, int code, boolean tls13, Auth auth) {
        BY_NAME.put(name, new Suite(name, code, tls13, auth));
    }

    /** The suite called {@code name} (the IANA name), or an exception listing the valid ones. */
    public static Suite byName(String name) {
        Suite s = BY_NAME.get(name.trim().toUpperCase(java.util.Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("unsupported cipher suite '" + name
                    + "': Wirekit enables only ECDHE with AEAD suites: " + String.join(", ", BY_NAME.keySet()));
        }
        return s;
    }

    public static Suite byCode(int code) {
        for (Suite s : BY_NAME.values()) {
            if (s.code() == code) {
                return s;
            }
        }
        return null;
    }

    /** The standard name of a negotiated suite, also for codes outside our table. */
    public static String name(int code) {
        Suite s = byCode(code);
        return s != null ? s.name() : String.format("0x%04X", code);
    }

    /** The codes of {@code names} for which {@code filter} holds, in order. */
    public static int[] codes(List<String> names, java.util.function.Predicate<Suite> filter) {
        List<Integer> out = new ArrayList<>();
        for (String n : names) {
            Suite s = byName(n);
            if (filter.test(s)) {
                out.add(s.code());
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    public static int group(String name) {
        Integer g = GROUPS.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        if (g == null) {
            throw new IllegalArgumentException(
                    "unsupported named group '" + name + "': use one of " + String.join(", ", GROUPS.keySet()));
        }
        return g;
    }

    public static int[] groups(List<String> names) {
        return names.stream().mapToInt(CipherSuites::group).toArray();
    }
}
