package dev.wirekit.tls.internal;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.api.layer.LayerEngine;
import dev.wirekit.api.layer.LayerSink;
import dev.wirekit.tls.TlsException;
import dev.wirekit.tls.TlsFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramSender;

/**
 * One DTLS 1.2 peer. BouncyCastle's DTLS handshake is blocking, so it runs on a virtual thread over
 * a {@link DatagramPipe} the engine feeds; each {@link #receive} waits until the handshake thread has
 * consumed its datagram, so the engine still finishes its work before returning. Servers answer a
 * ClientHello without a valid cookie with a stateless HelloVerifyRequest and start a handshake only
 * for a verified one, within the layer's bound on concurrent handshakes. Once established, each
 * datagram is decrypted synchronously and handed up as one datagram.
 */
public final class DtlsEngine implements LayerEngine {
    /** DTLS records carry at most 2^14 bytes of plaintext; larger messages cannot be sent as one datagram. */
    static final int MAX_PLAINTEXT = 1 << 14;

    private static final long IDLE_WAIT = TimeUnit.SECONDS.toNanos(30);

    private enum State {
        NEW,
        HANDSHAKING,
        ESTABLISHED,
        DONE
    }

    private final LayerContext context;
    private final LayerSink sink;
    private final DatagramPipe pipe;
    private final DtlsServerSide server;
    private final ServerPeer serverPeer;
    private final ClientPeer clientPeer;
    private final Handshake hs;
    private final String enabled = "DTLSv1.2";
    private final Object outcomeLock = new Object();
    private volatile State state = State.NEW;
    private volatile DTLSTransport transport;
    private Throwable handshakeError;
    private boolean handshakeOver;
    private boolean establishedSignalled;
    private boolean lockstep;
    private boolean disposed;
    private boolean permit;
    private volatile boolean closingLocally;
    private boolean inputEnded;
    private byte[] plain;

    private DtlsEngine(LayerContext context, DtlsServerSide server, ClientSide client, int mtu) {
        this.context = context;
        this.sink = context.sink();
        this.pipe = new DatagramPipe(sink, mtu);
        this.server = server;
        this.serverPeer = server == null ? null : new ServerPeer(server.tls, true);
        this.clientPeer = client == null ? null : new ClientPeer(client, true, context);
        this.hs = server != null ? serverPeer.hs : clientPeer.hs;
    }

    public static DtlsEngine server(DtlsServerSide side, LayerContext context) {
        return new DtlsEngine(
                context, side, null, side.config().datagramSettings().mtu());
    }

    public static DtlsEngine client(ClientSide side, LayerContext context) {
        return new DtlsEngine(
                context, null, side, side.config().datagramSettings().mtu());
    }

    @Override
    public void start() {
        if (clientPeer != null) {
            state = State.HANDSHAKING;
            handshake(null);
        }
        // a server waits for a ClientHello with a valid cookie
    }

    @Override
    public void receive(ByteBuffer fromNetwork) throws IOException {
        byte[] datagram = new byte[fromNetwork.remaining()];
        fromNetwork.get(datagram);
        switch (state) {
            case NEW -> verifyClientHello(datagram);
            case HANDSHAKING -> {
                if (pipe.offer(datagram)) {
                    stepHandshake();
                }
            }
            case ESTABLISHED -> {
                pipe.offer(datagram);
                drain();
            }
            case DONE -> {
                // closed or failed: late datagrams are dropped
            }
        }
    }

    /** RFC 6347 4.2.1: no state before the client proves it receives at its address. */
    private void verifyClientHello(byte[] datagram) throws IOException {
        DTLSRequest request;
        try {
            request = server.verifier.verifyRequest(
                    clientId(context.remoteAddress()), datagram, 0, datagram.length, statelessSender());
        } catch (RuntimeException e) {
            return; // BouncyCastle rejects some malformed hellos unchecked (a reserved version): not a hello
        }
        if (request == null) {
            return; // a HelloVerifyRequest was sent, or it was not a ClientHello: nothing kept
        }
        if (!server.handshakes.tryAcquire()) {
            server.refused(String.valueOf(context.remoteAddress()));
            return; // the client will retransmit its ClientHello
        }
        permit = true;
        state = State.HANDSHAKING;
        handshake(request);
        stepHandshake();
    }

    private DatagramSender statelessSender() {
        return new DatagramSender() {
            @Override
            public int getSendLimit() {
                return pipe.getSendLimit();
            }

            @Override
            public void send(byte[] buf, int off, int len) {
                pipe.send(buf, off, len);
            }
        };
    }

    private static byte[] clientId(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        byte[] id = new byte[ip.length + 2];
        System.arraycopy(ip, 0, id, 0, ip.length);
        id[ip.length] = (byte) (address.getPort() >> 8);
        id[ip.length + 1] = (byte) address.getPort();
        return id;
    }

    private void handshake(DTLSRequest request) {
        try {
            context.blockingExecutor().execute(() -> runHandshake(request));
        } catch (RuntimeException e) { // the transport is shutting down
            synchronized (outcomeLock) {
                if (permit) {
                    server.handshakes.release();
                    permit = false;
                }
            }
            state = State.DONE;
            throw e;
        }
    }

    private void runHandshake(DTLSRequest request) {
        DTLSTransport result = null;
        Throwable error = null;
        try {
            result = serverPeer != null
                    ? new DTLSServerProtocol().accept(serverPeer, pipe, request)
                    : new DTLSClientProtocol().connect(clientPeer, pipe);
        } catch (Throwable e) {
            error = e;
        }
        boolean report;
        synchronized (outcomeLock) {
            handshakeOver = true;
            handshakeError = error;
            transport = result;
            if (permit) {
                server.handshakes.release();
                permit = false;
            }
            report = !lockstep && !disposed;
            if (report && error == null) {
                establishedSignalled = true;
            }
        }
        pipe.finished();
        if (report) {
            // nobody is inside receive() to pick the outcome up: report it from here
            if (error != null) {
                state = State.DONE;
                sink.failed(translate(error));
            } else {
                pipe.nonBlocking();
                state = State.ESTABLISHED;
                sink.established();
            }
        }
    }

    /** Lets the handshake thread consume what was queued, then acts on its outcome. */
    private void stepHandshake() throws IOException {
        synchronized (outcomeLock) {
            lockstep = true;
        }
        try {
            pipe.awaitIdle(IDLE_WAIT);
        } finally {
            synchronized (outcomeLock) {
                lockstep = false;
            }
        }
        Throwable error;
        boolean signal;
        synchronized (outcomeLock) {
            if (!handshakeOver) {
                return;
            }
            error = handshakeError;
            signal = !establishedSignalled;
            establishedSignalled = true;
        }
        if (error != null) {
            state = State.DONE;
            throw translate(error);
        }
        pipe.nonBlocking();
        if (state == State.HANDSHAKING) {
            state = State.ESTABLISHED;
        }
        if (signal) {
            sink.established();
        }
        if (state == State.ESTABLISHED) {
            drain(); // what arrived with or after the last flight
        }
    }

    /** Decrypts every queued datagram (after the handshake) and hands each up as one datagram. */
    private void drain() throws IOException {
        DTLSTransport t = transport;
        if (t == null) {
            return;
        }
        if (plain == null) {
            plain = new byte[t.getReceiveLimit()];
        }
        while (true) {
            int n;
            try {
                n = t.receive(plain, 0, plain.length, 60_000);
            } catch (DatagramPipe.WouldBlock e) {
                break;
            } catch (IOException | RuntimeException e) {
                state = State.DONE;
                throw translate(e);
            }
            if (n >= 0) {
                sink.toApplication(ByteBuffer.wrap(plain, 0, n));
            }
        }
        if (pipe.isClosed() && !closingLocally && !inputEnded) {
            inputEnded = true; // close_notify from the peer
            state = State.DONE;
            sink.endOfInput();
        }
    }

    @Override
    public void send(ByteBuffer plaintext) throws IOException {
        DTLSTransport t = transport;
        if (state != State.ESTABLISHED || t == null) {
            throw new IOException("the DTLS connection is " + (state == State.DONE ? "closed" : "not established"));
        }
        int n = plaintext.remaining();
        if (n > MAX_PLAINTEXT) {
            throw new IOException("a datagram of " + n + " bytes is larger than DTLS can protect in one record ("
                    + MAX_PLAINTEXT + " bytes)");
        }
        byte[] data = new byte[n];
        plaintext.get(data);
        try {
            t.send(data, 0, n);
        } catch (IOException | RuntimeException e) {
            state = State.DONE;
            throw translate(e);
        }
    }

    @Override
    public void closeOutbound() {
        closingLocally = true;
        DTLSTransport t = transport;
        State s = state;
        state = State.DONE;
        if (s == State.ESTABLISHED && t != null) {
            try {
                t.close(); // close_notify
            } catch (IOException | RuntimeException e) {
                // going away anyway
            }
        }
        pipe.close();
    }

    @Override
    public Optional<SecurityInfo> security() {
        return hs.security();
    }

    @Override
    public void dispose() {
        synchronized (outcomeLock) {
            disposed = true;
        }
        closingLocally = true;
        state = State.DONE;
        pipe.close();
    }

    private TlsException translate(Throwable e) {
        if (closingLocally && hs.failure == null && !(e instanceof TlsException)) {
            return new TlsException(TlsFailure.UNEXPECTED_EOF, "the DTLS session closed during the handshake", null, e);
        }
        return Failures.translate(e, hs, context.role(), new byte[0], true, enabled);
    }
}
