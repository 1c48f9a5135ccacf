package dev.wirekit.file;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A hand-driven protocol peer for tests: {@link HandProtocol.Peer} on a fresh socket. */
final class RawPeer {
    private RawPeer() {}

    /** Connects without greeting. */
    static HandProtocol.Peer connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 10_000);
        socket.setSoTimeout((int) Fixtures.WAIT.toMillis());
        return new HandProtocol(Fixtures.WAIT).new Peer(socket);
    }

    /** Connects and exchanges HELLO/WELCOME. */
    static HandProtocol.Peer greeted(InetSocketAddress address) throws IOException {
        HandProtocol.Peer peer = connect(address);
        peer.send(HandProtocol.hello(1, null));
        peer.frame().expectType(HandProtocol.WELCOME);
        return peer;
    }

    /** Starts an upload of {@code content} as {@code name} and sends its first {@code sent} bytes. */
    static HandProtocol.Peer halfUpload(InetSocketAddress address, String name, byte[] content, int sent)
            throws IOException {
        HandProtocol.Peer peer = greeted(address);
        peer.send(HandProtocol.put(name, content.length, HandProtocol.sha256(content)));
        peer.frame().expectType(HandProtocol.READY);
        peer.send(HandProtocol.data(content.length));
        peer.send(java.util.Arrays.copyOf(content, sent));
        return peer;
    }

    /** Closes with a reset, as a client that vanishes does. */
    static void vanish(HandProtocol.Peer peer) throws IOException {
        peer.socket.setSoLinger(true, 0);
        peer.socket.close();
    }
}
