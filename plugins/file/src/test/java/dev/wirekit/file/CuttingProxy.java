package dev.wirekit.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of a server that kills its first connection once a chosen number of bytes
 * has passed in one direction (the client sees a reset, the server sees the client leave); later
 * connections are relayed untouched. It lets a test break a transfer mid-way, deterministically, without the
 * client or the server knowing.
 */
final class CuttingProxy implements AutoCloseable {
    /** Which way the counted bytes flow. */
    enum Direction {
        TO_SERVER,
        TO_CLIENT
    }

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Direction direction;
    private final long cutAfter;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong passedBeforeCut = new AtomicLong(-1);
    private final CountDownLatch cut = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    CuttingProxy(InetSocketAddress upstream, Direction direction, long cutAfter) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstream = upstream;
        this.direction = direction;
        this.cutAfter = cutAfter;
        this.acceptor = Thread.ofVirtual().name("cutting-proxy").start(this::accept);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** How many bytes passed in the counted direction before the cut; -1 before it. */
    long passedBeforeCut() {
        return passedBeforeCut.get();
    }

    /** Whether the first connection has been cut yet. */
    boolean hasCut() {
        return cut.getCount() == 0;
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(upstream, 10_000);
                sockets.add(client);
                sockets.add(server);
                boolean first = connections.getAndIncrement() == 0;
                long limit = first ? cutAfter : Long.MAX_VALUE;
                Thread.ofVirtual()
                        .start(() -> pump(
                                client,
                                server,
                                client,
                                server,
                                direction == Direction.TO_SERVER ? limit : Long.MAX_VALUE));
                Thread.ofVirtual()
                        .start(() -> pump(
                                server,
                                client,
                                client,
                                server,
                                direction == Direction.TO_CLIENT ? limit : Long.MAX_VALUE));
            }
        } catch (IOException e) {
            // closed
        }
    }

    /**
     * Relays {@code from} to {@code to}; at the cut, the client's side is reset (it loses what it
     * had not read) and the server's side closed in order (it gets every byte relayed so far).
     */
    private void pump(Socket from, Socket to, Socket client, Socket server, long limit) {
        byte[] buffer = new byte[16 * 1024];
        long passed = 0;
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.max(1, limit - passed)))) > 0) {
                out.write(buffer, 0, n);
                passed += n;
                if (passed >= limit) {
                    passedBeforeCut.set(passed);
                    cut.countDown(); // before the client can see the reset
                    reset(client);
                    server.close();
                    return;
                }
            }
            to.shutdownOutput();
        } catch (IOException e) {
            reset(to);
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
        acceptor.interrupt();
    }
}
