package dev.wirekit.scanner;

import java.util.Objects;

/**
 * What an open port sent, read up to a bound and never trusted.
 *
 * @param evidence what was sent to get it: {@code greeting} (nothing: the service spoke first) or
 *     {@code http} (the HTTP probe); inside TLS when the port's {@link PortResult#tls()} is set
 * @param text the bytes as printable ASCII: bytes 0x20-0x7E as they are, {@code \r \n \t \\} for
 *     those, {@code \xHH} for every other byte — reversible, and safe to print on any terminal
 * @param length how many bytes were read (at most the bound)
 * @param truncated whether the service sent more than the bound; reading stopped there
 * @param binary whether more than a quarter of the bytes are not printable text
 */
public record Banner(String evidence, String text, int length, boolean truncated, boolean binary) {
    public Banner {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(text, "text");
    }
}
