package dev.wirekit.scanner.internal;

import dev.wirekit.api.Connection;
import dev.wirekit.scanner.TlsInfo;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The TLS probe: a client handshake run with the JDK's {@link SSLEngine} over a Wirekit
 * {@link Connection}, to read the server's certificate, then plaintext reads and writes inside the
 * session for the greeting and HTTP probes.
 *
 * <p>The JDK's engine rather than BouncyCastle: the scanner needs no extra dependency for it, and
 * its trust-manager hook hands over the server's chain even under TLS 1.3, where the certificate
 * travels encrypted. What it cannot do is talk to servers that only offer what the JDK disables
 * (SSL 3, TLS 1.0/1.1, export ciphers): those handshakes fail and say so in the report.
 */
final class TlsSession {
    private final Connection connection;
    private final SSLEngine engine;
    private final CertificateCapture capture;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private final ByteBuffer netOut;
    private boolean inboundDone;

    private TlsSession(Connection connection, SSLEngine engine, CertificateCapture capture) {
        this.connection = connection;
        this.engine = engine;
        this.capture = capture;
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        appIn.flip(); // empty, in read mode
    }

    /** The outcome of a handshake: the session when it finished, and what was learned either way. */
    record Outcome(TlsSession session, TlsInfo info) {}

    /**
     * Runs a client handshake over {@code connection} until {@code deadlineNanos}.
     *
     * @param serverName the host name to send as SNI, or null
     * @return the session (null when the handshake failed) and the TLS details (null when no
     *     certificate was seen: not TLS at all)
     */
    static Outcome handshake(Connection connection, String serverName, int port, long deadlineNanos) {
        CertificateCapture capture = new CertificateCapture();
        SSLEngine engine;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {capture}, null);
            engine = context.createSSLEngine(serverName, port);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS: " + e.getMessage(), e);
        }
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
        parameters.setEndpointIdentificationAlgorithm(null);
        engine.setSSLParameters(parameters);
        TlsSession session = new TlsSession(connection, engine, capture);
        try {
            session.runHandshake(deadlineNanos);
            return new Outcome(session, session.describe(null));
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(null, capture.chain() == null ? null : session.describe(Printable.text(why)));
        }
    }

    private void runHandshake(long deadline) throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrap(ByteBuffer.allocate(0));
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (unwrap(deadline) < 0) {
                        throw new EOFException("the server closed the connection during the TLS handshake");
                    }
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void settle() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrap(ByteBuffer.allocate(0));
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void wrap(ByteBuffer app) throws IOException {
        do {
            netOut.clear();
            SSLEngineResult r = engine.wrap(app, netOut);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0) {
                throw new SSLException("the TLS session is closed");
            }
            netOut.flip();
            if (netOut.hasRemaining()) {
                connection.write(netOut);
            }
        } while (app.hasRemaining());
    }

    /**
     * Unwraps one record, reading from the connection when more bytes are needed.
     *
     * @return the plaintext bytes produced (0 for handshake records), or -1 at the end of the stream
     */
    private int unwrap(long deadline) throws IOException {
        while (true) {
            netIn.flip();
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
                appIn.flip();
            }
            switch (r.getStatus()) {
                case OK -> {
                    return r.bytesProduced();
                }
                case CLOSED -> {
                    inboundDone = true;
                    return -1;
                }
                case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize(), true);
                case BUFFER_UNDERFLOW -> {
                    if (!netIn.hasRemaining()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize(), false);
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new SocketTimeoutException("TLS read timed out");
                    }
                    int n = connection.read(netIn, Duration.ofNanos(Math.max(left, 1_000_000)));
                    if (n < 0) {
                        inboundDone = true;
                        return -1;
                    }
                }
            }
        }
    }

    private static ByteBuffer grow(ByteBuffer buffer, int atLeast, boolean readMode) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
        if (readMode) {
            bigger.put(buffer).flip();
        } else {
            buffer.flip();
            bigger.put(buffer);
        }
        return bigger;
    }

    /** Reads plaintext, like {@link Connection#read(ByteBuffer, Duration)}. */
    int read(ByteBuffer dst, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!appIn.hasRemaining()) {
            if (inboundDone || unwrap(deadline) < 0) {
                return -1;
            }
            settle(); // post-handshake messages (TLS 1.3 session tickets, key updates)
        }
        int n = Math.min(dst.remaining(), appIn.remaining());
        dst.put(dst.position(), appIn, appIn.position(), n);
        dst.position(dst.position() + n);
        appIn.position(appIn.position() + n);
        return n;
    }

    /** Writes plaintext. */
    void write(ByteBuffer src) throws IOException {
        wrap(src);
    }

    /** Sends close_notify, as far as it goes. */
    void close() {
        try {
            engine.closeOutbound();
            if (!engine.isOutboundDone()) {
                wrap(ByteBuffer.allocate(0));
            }
        } catch (IOException | RuntimeException ignored) {
            // the connection is closed next anyway
        }
    }

    private TlsInfo describe(String error) {
        X509Certificate[] chain = capture.chain();
        boolean done = error == null;
        String protocol = done ? engine.getSession().getProtocol() : null;
        String cipher = done ? engine.getSession().getCipherSuite() : null;
        if (chain == null || chain.length == 0) {
            return new TlsInfo(protocol, cipher, null, null, null, null, List.of(), null, false, 0, error);
        }
        X509Certificate leaf = chain[0];
        return new TlsInfo(
                protocol,
                cipher,
                Printable.text(leaf.getSubjectX500Principal().getName(X500Principal.RFC2253)),
                Printable.text(leaf.getIssuerX500Principal().getName(X500Principal.RFC2253)),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                altNames(leaf),
                fingerprint(leaf),
                selfSigned(leaf),
                chain.length,
                error);
    }

    private static List<String> altNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            var all = cert.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> entry : all) {
                    Object type = entry.get(0);
                    Object value = entry.get(1);
                    if (Integer.valueOf(2).equals(type)) {
                        names.add("DNS:" + Printable.text(String.valueOf(value)));
                    } else if (Integer.valueOf(7).equals(type)) {
                        names.add("IP:" + Printable.text(String.valueOf(value)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.add("unreadable: " + Printable.text(String.valueOf(e.getMessage())));
        }
        return names;
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static boolean selfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
