package dev.wirekit.tls.internal;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.tls.TlsException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What one connection's BouncyCastle peer learned during its handshake, read by the engine: the
 * typed failure our own checks raised (BouncyCastle only carries an alert code), the alerts seen,
 * and what was negotiated.
 */
final class Handshake {
    /** A typed failure raised by our checks; reported instead of BouncyCastle's bare alert. */
    TlsException failure;

    short alertSent = -1;
    String alertSentMessage;
    Throwable alertSentCause;
    short alertReceived = -1;
    boolean alertReceivedFatal;

    boolean complete;
    SecurityInfo security;

    List<X509Certificate> localChain = List.of();
    List<X509Certificate> peerChain = List.of();
    String serverName;

    /** Records {@code e} (the first failure wins) and returns it, for {@code throw fatal(...)}. */
    void fail(TlsException e) {
        if (failure == null) {
            failure = e;
        }
    }

    Optional<SecurityInfo> security() {
        return Optional.ofNullable(security);
    }
}
