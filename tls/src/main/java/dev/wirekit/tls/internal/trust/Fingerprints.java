package dev.wirekit.tls.internal.trust;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 certificate fingerprints in OpenSSL's form: {@code AB:CD:...}. */
public final class Fingerprints {
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":").withUpperCase();

    private Fingerprints() {}

    public static byte[] sha256(X509Certificate c) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + c.getSubjectX500Principal(), e);
        }
    }

    /** {@code AB:CD:...:EF}. */
    public static String format(byte[] digest) {
        return COLONS.formatHex(digest);
    }

    /** {@code sha256:AB:CD:...}, the form {@code --trust} accepts. */
    public static String pin(X509Certificate c) {
        return "sha256:" + format(sha256(c));
    }

    /** Parses {@code sha256:AB:CD..}, {@code AB:CD:..} or bare hex; 32 bytes. */
    public static byte[] parse(String text) {
        String t = text.trim();
        if (t.toLowerCase(Locale.ROOT).startsWith("sha256:")) {
            t = t.substring("sha256:".length());
        }
        String hex = t.replace(":", "").replace(" ", "");
        if (hex.length() != 64 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a SHA-256 fingerprint: expected 32 hex bytes such as sha256:AB:CD:... (64 hex digits)");
        }
        return HexFormat.of().parseHex(hex);
    }
}
