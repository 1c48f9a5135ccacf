package dev.wirekit.tls;

import java.util.Locale;

/**
 * The protocol versions Wirekit speaks over streams. TLS 1.1 and older are not implemented at all
 * (they are deprecated by RFC 8996). DTLS always uses DTLS 1.2.
 */
public enum TlsVersion {
    /** TLS 1.3 (RFC 8446): the preferred version. */
    TLS_1_3("TLSv1.3"),
    /** TLS 1.2 (RFC 5246), with ECDHE key exchange and AEAD suites only. */
    TLS_1_2("TLSv1.2");

    private final String standardName;

    TlsVersion(String standardName) {
        this.standardName = standardName;
    }

    /** The name the JDK and OpenSSL use: {@code TLSv1.3}, {@code TLSv1.2}. */
    public String standardName() {
        return standardName;
    }

    /**
     * Parses {@code TLSv1.3}, {@code TLS1.3}, {@code 1.3}, {@code tls13} (any case) and the same
     * for 1.2.
     *
     * @throws IllegalArgumentException for anything else, naming the versions that exist
     */
    public static TlsVersion parse(String text) {
        String t = text.trim()
                .toLowerCase(Locale.ROOT)
                .replace("_", "")
                .replace(".", "")
                .replace("v", "");
        return switch (t) {
            case "tls13", "13" -> TLS_1_3;
            case "tls12", "12" -> TLS_1_2;
            default ->
                throw new IllegalArgumentException(
                        "unknown or unsupported TLS version '" + text + "': use TLSv1.3 or TLSv1.2");
        };
    }

    @Override
    public String toString() {
        return standardName;
    }
}
