package dev.wirekit.file;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A hand-driven protocol peer for tests: {@link FileConformanceChecks.Peer} on a fresh socket. */
final class RawPeer {
    private RawPeer() {}

    /** Connects without greeting. */
    static FileConformanceChecks.Peer connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 10_000);
        socket.setSoTimeout((int) Fixtures.WAIT.toMillis());
        return new FileConformanceChecks(address, null, Fixtures.WAIT).new Peer(socket);
    }

    /** Connects and exchanges HELLO/WELCOME. */
    static FileConformanceChecks.Peer greeted(InetSocketAddress address) throws IOException {
        FileConformanceChecks.Peer peer = connect(address);
        peer.send(FileConformanceChecks.hello(1, null));
        peer.frame().expectType(FileConformanceChecks.WELCOME);
        return peer;
    }

    /** Starts an upload of {@code content} as {@code name} and sends its first {@code sent} bytes. */
    static FileConformanceChecks.Peer halfUpload(InetSocketAddress address, String name, byte[] content, int sent)
            throws IOException {
        FileConformanceChecks.Peer peer = greeted(address);
        peer.send(FileConformanceChecks.put(name, content.length, FileConformanceChecks.sha256(content)));
        peer.frame().expectType(FileConformanceChecks.READY);
        peer.send(FileConformanceChecks.data(content.length));
        peer.send(java.util.Arrays.copyOf(content, sent));
        return peer;
    }

    /** Closes with a reset, as a client that vanishes does. */
    static void vanish(FileConformanceChecks.Peer peer) throws IOException {
        peer.socket.setSoLinger(true, 0);
        peer.socket.close();
    }
}
