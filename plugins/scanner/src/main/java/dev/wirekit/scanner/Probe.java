package dev.wirekit.scanner;

import java.util.Locale;

/**
 * What the scanner may send to an open port to learn what runs there. These are the only bytes it
 * ever sends, besides opening and closing connections; nothing else can be added.
 *
 * <p>Every open port is first only <em>listened</em> to (its greeting: SSH, SMTP, FTP, POP3,
 * IMAP... speak first). Only when it stays silent are the enabled probes sent, each on its own
 * connection: plain ports get the HTTP probe first, ports that usually speak TLS get the TLS probe
 * first. Inside a TLS session the greeting is listened to again, and the HTTP probe is sent when it
 * is enabled.
 */
public enum Probe {
    /**
     * {@code HEAD / HTTP/1.1} with {@code Host}, {@code User-Agent: wirekit-scanner} and
     * {@code Connection: close}: asks a web server for its headers only. Other text protocols
     * (Redis, RTSP, ...) answer it with an error that identifies them.
     */
    HTTP_HEAD,
    /**
     * A TLS ClientHello (TLS 1.3 and 1.2, with SNI when the target was named): the handshake is
     * completed to read the server's certificate (subject, issuer, validity, names), which is
     * accepted whatever it is — it is read, never trusted.
     */
    TLS_HELLO;

    /** The lower-case name used in reports and on the command line: {@code http}, {@code tls}. */
    public String label() {
        return this == HTTP_HEAD ? "http" : "tls";
    }

    /**
     * The probe called {@code label} ({@code http} or {@code tls}, any case).
     *
     * @throws IllegalArgumentException naming the probes there are
     */
    public static Probe fromLabel(String label) {
        return switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "http" -> HTTP_HEAD;
            case "tls" -> TLS_HELLO;
            default -> throw new IllegalArgumentException("'" + label + "' is not a probe (http, tls)");
        };
    }
}
