package dev.wirekit.tls.internal;

import dev.wirekit.api.SecurityInfo;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/** Alert bookkeeping and the negotiated-parameters summary, shared by both peers. */
final class Alerts {
    private Alerts() {}

    static void raised(Handshake hs, short level, short description, String message, Throwable cause) {
        if (level == AlertLevel.fatal && hs.alertSent < 0) {
            hs.alertSent = description;
            hs.alertSentMessage = message;
            hs.alertSentCause = cause;
        }
    }

    static void received(Handshake hs, short level, short description) {
        if (hs.alertReceived < 0 || level == AlertLevel.fatal) {
            hs.alertReceived = description;
            hs.alertReceivedFatal = level == AlertLevel.fatal;
        }
    }

    /** The alert code for a name such as {@code unknown_ca}. */
    static short code(String name) {
        for (short d = 0; d < 256; d++) {
            if (name.equals(AlertDescription.getName(d))) {
                return d;
            }
        }
        return AlertDescription.bad_certificate;
    }

    static SecurityInfo security(TlsContext context, JcaTlsCrypto crypto, Handshake hs) throws IOException {
        SecurityParameters sp = context.getSecurityParametersConnection();
        if (sp == null) {
            sp = context.getSecurityParametersHandshake();
        }
        ProtocolName alpn = sp.getApplicationProtocol();
        List<java.security.cert.X509Certificate> peer =
                hs.peerChain.isEmpty() ? Crypto.chain(crypto, sp.getPeerCertificate()) : hs.peerChain;
        return new SecurityInfo(
                Crypto.protocolName(sp.getNegotiatedVersion()),
                CipherSuites.name(sp.getCipherSuite()),
                peer,
                hs.localChain,
                Optional.ofNullable(hs.serverName),
                alpn == null ? Optional.empty() : Optional.of(alpn.getUtf8Decoding()));
    }
}
