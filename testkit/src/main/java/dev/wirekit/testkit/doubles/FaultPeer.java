package dev.wirekit.testkit.doubles;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A scripted misbehaving TCP peer for testing servers: it connects with plain java.net sockets (no
 * Wirekit involved) and then does what a script says — disconnect at once, stop mid-frame, stall,
 * reset, or never read.
 *
 * <pre>{@code
 * try (FaultPeer peer = FaultPeer.connect(server.localAddress())) {
 *     peer.send(new byte[] {0, 0, 0, 10, 'a', 'b'});   // 2 of the 10 bytes the header promised
 *     peer.reset();                                      // then RST
 * }
 * }</pre>
 */
public final class FaultPeer implements AutoCloseable {
    private final Socket socket;

    private FaultPeer(Socket socket) {
        this.socket = socket;
    }

    /** Connects normally. */
    public static FaultPeer connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 10_000);
        socket.setTcpNoDelay(true);
        return new FaultPeer(socket);
    }

    /**
     * Connects as a slow reader: a tiny receive buffer, and it never reads unless told to, so what
     * the server writes piles up on the server's side.
     */
    public static FaultPeer connectSlowReader(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(address, 10_000);
        return new FaultPeer(socket);
    }

    /** Writes {@code bytes} as they are. */
    public FaultPeer send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Half-closes: the server reads the end of the stream. */
    public FaultPeer shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** Closes with a reset (RST) instead of an orderly FIN. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Closes in order (FIN). */
    public void disconnect() throws IOException {
        socket.close();
    }

    /**
     * Reads until the server closes the connection or {@code timeout} passes.
     *
     * @return everything read, and whether the end of the stream was reached
     */
    public Reading readUntilClosed(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        InputStream in = socket.getInputStream();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    return new Reading(all.toByteArray(), true, false);
                }
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return new Reading(all.toByteArray(), false, false);
        } catch (IOException e) {
            return new Reading(all.toByteArray(), true, true);
        }
    }

    /**
     * What {@link #readUntilClosed} saw.
     *
     * @param bytes everything read
     * @param closed whether the connection ended (EOF or reset)
     * @param reset whether it ended with a reset
     */
    public record Reading(byte[] bytes, boolean closed, boolean reset) {}

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
