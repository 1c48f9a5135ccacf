package dev.wirekit.tls.internal;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * BouncyCastle's non-blocking protocols with TLS half-close (RFC 8446 6.1): a received close_notify
 * ends only the input, so this side may go on writing (BouncyCastle would answer at once and close
 * both directions, losing the replies of a peer that half-closed); and this side can send its own
 * close_notify and still read what the peer has left to say.
 */
final class HalfClose {
    private HalfClose() {}

    /** The operations the engine needs from either protocol. */
    interface Protocol {
        /** True once the peer's close_notify has arrived. */
        boolean peerClosed();

        /** Sends close_notify without closing the input. */
        void closeOutput() throws IOException;
    }

    static final class Server extends TlsServerProtocol implements Protocol {
        private final Handshake hs;
        private boolean peerClosed;

        Server(Handshake hs) {
            this.hs = hs;
        }

        @Override
        protected void handleAlertWarningMessage(short alertDescription) throws IOException {
            if (alertDescription == AlertDescription.close_notify && hs.complete) {
                peerClosed = true;
                return;
            }
            super.handleAlertWarningMessage(alertDescription);
        }

        @Override
        public boolean peerClosed() {
            return peerClosed;
        }

        @Override
        public void closeOutput() throws IOException {
            raiseAlertWarning(AlertDescription.close_notify, "Connection closed");
        }
    }

    static final class Client extends TlsClientProtocol implements Protocol {
        private final Handshake hs;
        private boolean peerClosed;

        Client(Handshake hs) {
            this.hs = hs;
        }

        @Override
        protected void handleAlertWarningMessage(short alertDescription) throws IOException {
            if (alertDescription == AlertDescription.close_notify && hs.complete) {
                peerClosed = true;
                return;
            }
            super.handleAlertWarningMessage(alertDescription);
        }

        @Override
        public boolean peerClosed() {
            return peerClosed;
        }

        @Override
        public void closeOutput() throws IOException {
            raiseAlertWarning(AlertDescription.close_notify, "Connection closed");
        }
    }
}
