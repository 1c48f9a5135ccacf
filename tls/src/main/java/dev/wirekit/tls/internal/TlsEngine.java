package dev.wirekit.tls.internal;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.layer.LayerContext;
import dev.wirekit.api.layer.LayerEngine;
import dev.wirekit.api.layer.LayerSink;
import dev.wirekit.tls.TlsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.tls.TlsProtocol;

/**
 * One TLS connection: BouncyCastle's protocol in non-blocking mode. Ciphertext offered in, records
 * read out and handed to the sink; plaintext read out after each offer. All calls are serial (the
 * connection machinery guarantees it), so the engine needs no locking of its own.
 */
public final class TlsEngine implements LayerEngine {
    private static final int FIRST_BYTES = 48;
    private static final int WRITE_CHUNK = 64 * 1024;
    private static final int READ_CHUNK = 64 * 1024;

    private final LayerContext context;
    private final LayerSink sink;
    private final TlsProtocol protocol;
    private final HalfClose.Protocol halfClose;
    private final Handshake hs;
    private final String enabledProtocols;
    private final Starter starter;
    private byte[] firstBytes = new byte[0];
    /** Plaintext read out of BouncyCastle; the sink copies what it keeps, so one buffer is reused. */
    private byte[] plain = new byte[0];

    private boolean recordsSeen;
    private boolean established;
    private boolean inputEnded;
    private boolean outputClosed;
    private boolean failed;

    @FunctionalInterface
    private interface Starter {
        void start() throws IOException;
    }

    private TlsEngine(
            LayerContext context, TlsProtocol protocol, Handshake hs, String enabledProtocols, Starter starter) {
        this.context = context;
        this.sink = context.sink();
        this.protocol = protocol;
        this.halfClose = (HalfClose.Protocol) protocol;
        this.hs = hs;
        this.enabledProtocols = enabledProtocols;
        this.starter = starter;
    }

    public static TlsEngine server(ServerSide side, LayerContext context) {
        ServerPeer peer = new ServerPeer(side, false);
        HalfClose.Server protocol = new HalfClose.Server(peer.hs);
        return new TlsEngine(context, protocol, peer.hs, side.enabledProtocols, () -> protocol.accept(peer));
    }

    public static TlsEngine client(ClientSide side, LayerContext context) {
        ClientPeer peer = new ClientPeer(side, false, context);
        HalfClose.Client protocol = new HalfClose.Client(peer.hs);
        return new TlsEngine(context, protocol, peer.hs, side.enabledProtocols, () -> protocol.connect(peer));
    }

    @Override
    public void start() throws IOException {
        try {
            starter.start();
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
        flush();
    }

    @Override
    public void receive(ByteBuffer fromNetwork) throws IOException {
        int n = fromNetwork.remaining();
        if (n == 0) {
            return;
        }
        if (failed || inputEnded) {
            fromNetwork.position(fromNetwork.limit()); // after close_notify or a failure: nothing more is read
            return;
        }
        byte[] array;
        int offset;
        if (fromNetwork.hasArray()) {
            array = fromNetwork.array();
            offset = fromNetwork.arrayOffset() + fromNetwork.position();
        } else {
            array = new byte[n];
            fromNetwork.get(fromNetwork.position(), array);
            offset = 0;
        }
        fromNetwork.position(fromNetwork.limit());
        if (firstBytes.length < FIRST_BYTES && !recordsSeen) {
            int keep = Math.min(FIRST_BYTES - firstBytes.length, n);
            byte[] more = Arrays.copyOf(firstBytes, firstBytes.length + keep);
            System.arraycopy(array, offset, more, firstBytes.length, keep);
            firstBytes = more;
        }
        try {
            protocol.offerInput(array, offset, n);
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
        if (protocol.getAvailableOutputBytes() > 0 || hs.complete) {
            recordsSeen = true;
        }
        flush();
        if (!established && hs.complete) {
            established = true;
            sink.established();
        }
        int available;
        while ((available = protocol.getAvailableInputBytes()) > 0) {
            if (plain.length < Math.min(available, READ_CHUNK)) {
                plain = new byte[Math.min(Math.max(available, 1024), READ_CHUNK)];
            }
            int got = protocol.readInput(plain, 0, Math.min(available, plain.length));
            sink.toApplication(ByteBuffer.wrap(plain, 0, got));
        }
        if (halfClose.peerClosed() && !inputEnded) {
            inputEnded = true;
            sink.endOfInput();
        }
    }

    @Override
    public void send(ByteBuffer plaintext) throws IOException {
        if (failed) {
            throw new IOException("the TLS connection has failed; nothing more can be sent");
        }
        if (outputClosed) {
            throw new IOException("the TLS output is closed (close_notify sent); nothing more can be sent");
        }
        while (plaintext.hasRemaining()) {
            int n = Math.min(plaintext.remaining(), WRITE_CHUNK);
            byte[] array;
            int offset;
            if (plaintext.hasArray()) {
                array = plaintext.array();
                offset = plaintext.arrayOffset() + plaintext.position();
            } else {
                array = new byte[n];
                plaintext.get(plaintext.position(), array);
                offset = 0;
            }
            plaintext.position(plaintext.position() + n);
            try {
                protocol.writeApplicationData(array, offset, n);
            } catch (IOException | RuntimeException e) {
                throw fail(e);
            }
            flush();
        }
    }

    @Override
    public void closeOutbound() {
        if (failed || outputClosed) {
            return;
        }
        outputClosed = true;
        try {
            if (!established || halfClose.peerClosed()) {
                protocol.close();
            } else {
                halfClose.closeOutput();
            }
        } catch (IOException | RuntimeException e) {
            // the connection is going away anyway
        }
        flush();
    }

    @Override
    public Optional<SecurityInfo> security() {
        return hs.security();
    }

    /**
     * Nothing to release: BouncyCastle's protocol object holds no thread or file. The reader may
     * still decrypt bytes that arrived before the socket closed, so the engine stays usable.
     */
    @Override
    public void dispose() {}

    private void flush() {
        int n = protocol.getAvailableOutputBytes();
        if (n > 0) {
            byte[] out = new byte[n];
            protocol.readOutput(out, 0, n);
            sink.toNetwork(ByteBuffer.wrap(out));
        }
    }

    /** Marks the engine failed, sends any alert BouncyCastle queued, and types the failure. */
    private TlsException fail(Throwable e) {
        failed = true;
        flush();
        return Failures.translate(e, hs, context.role(), firstBytes, recordsSeen, enabledProtocols);
    }
}
