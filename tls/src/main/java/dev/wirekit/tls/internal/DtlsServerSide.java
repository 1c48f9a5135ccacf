package dev.wirekit.tls.internal;

import dev.wirekit.tls.TlsServerConfig;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.DTLSVerifier;

/**
 * What a DTLS server layer adds to {@link ServerSide}: the stateless cookie verifier (RFC 6347
 * 4.2.1: a HelloVerifyRequest before any state is kept) and the bound on concurrent handshakes.
 */
public final class DtlsServerSide {
    final ServerSide tls;
    final DTLSVerifier verifier;
    final Semaphore handshakes;
    private final AtomicLong nextLog = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    public DtlsServerSide(TlsServerConfig config) {
        this.tls = new ServerSide(config);
        this.verifier = new DTLSVerifier(tls.crypto);
        this.handshakes = new Semaphore(config.datagramSettings().maxConcurrentHandshakes());
    }

    public TlsServerConfig config() {
        return tls.config;
    }

    /** Handshakes running now (for tests and diagnostics). */
    public int activeHandshakes() {
        return tls.config.datagramSettings().maxConcurrentHandshakes() - handshakes.availablePermits();
    }

    /** One log line a second at most, counting what it left out. */
    void refused(String peer) {
        long now = System.nanoTime();
        long next = nextLog.get();
        if (now - next >= 0 && nextLog.compareAndSet(next, now + 1_000_000_000L)) {
            long more = suppressed.getAndSet(0);
            ServerSide.LOG.log(
                    System.Logger.Level.WARNING,
                    "DTLS: dropped a ClientHello from " + peer + ": "
                            + tls.config.datagramSettings().maxConcurrentHandshakes()
                            + " handshakes are already running (DatagramSettings.maxConcurrentHandshakes)"
                            + (more > 0 ? "; " + more + " more dropped in the last second" : ""));
        } else {
            suppressed.incrementAndGet();
        }
    }
}
