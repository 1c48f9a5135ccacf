package dev.wirekit.bench.echo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Drives an echo server the same way whatever it is: {@code connections} plain non-blocking sockets
 * on one selector thread, each keeping {@code depth} messages of {@code size} bytes in flight (depth
 * 1 is ping-pong, more is pipelining), for a fixed time. Counts a message when all its bytes have
 * come back, and checks every byte.
 */
final class LoadGenerator {
    /** What one run measured. */
    /** {@code generatorBusy}: the generator thread's CPU time over the measured time (1.0: it was the limit). */
    record Result(long messages, long bytes, double seconds, double generatorBusy) {
        double messagesPerSecond() {
            return messages / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1_000_000.0;
        }
    }

    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer out;
        final ByteBuffer in;
        int inFlight;
        long received;

        Conn(SocketChannel channel, int size, int depth) {
            this.channel = channel;
            this.out = ByteBuffer.allocateDirect(size * depth);
            this.in = ByteBuffer.allocateDirect(Math.max(64 * 1024, size));
        }
    }

    static Result run(
            InetSocketAddress server, int connections, int size, int depth, double warmupSeconds, double seconds)
            throws IOException {
        byte[] pattern = new byte[size];
        new Random(size).nextBytes(pattern);
        ByteBuffer doubled =
                ByteBuffer.allocateDirect(2 * size).put(pattern).put(pattern).flip();
        try (Selector selector = Selector.open()) {
            List<Conn> conns = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = SocketChannel.open(server);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                Conn c = new Conn(ch, size, depth);
                for (int d = 0; d < depth; d++) {
                    c.out.put(pattern);
                }
                c.out.flip();
                c.inFlight = depth;
                ch.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE, c);
                conns.add(c);
            }
            long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
            long end = warmupEnd + (long) (seconds * 1e9);
            long counted = 0;
            long countedBytes = 0;
            long cpuAtStart = 0;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            boolean measuring = false;
            while (true) {
                long now = System.nanoTime();
                if (!measuring && now >= warmupEnd) {
                    measuring = true;
                    counted = 0;
                    countedBytes = 0;
                    cpuAtStart = threads.getCurrentThreadCpuTime();
                }
                if (now >= end) {
                    break;
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn c = (Conn) key.attachment();
                    if (key.isWritable() && c.out.hasRemaining()) {
                        c.channel.write(c.out);
                    }
                    if (key.isReadable()) {
                        c.in.clear();
                        int n = c.channel.read(c.in);
                        if (n < 0) {
                            throw new IOException("the server closed a connection");
                        }
                        c.in.flip();
                        verify(c, doubled, size);
                        long before = c.received / size;
                        c.received += n;
                        int done = (int) (c.received / size - before);
                        counted += done;
                        countedBytes += (long) done * size;
                        c.inFlight -= done;
                        if (done > 0) {
                            if (c.out.hasRemaining()) {
                                c.out.compact();
                            } else {
                                c.out.clear();
                            }
                            for (int d = 0; d < done; d++) {
                                c.out.put(pattern);
                            }
                            c.out.flip();
                            c.inFlight += done;
                        }
                    }
                    key.interestOps(SelectionKey.OP_READ | (c.out.hasRemaining() ? SelectionKey.OP_WRITE : 0));
                }
                selector.selectedKeys().clear();
            }
            double busy = (threads.getCurrentThreadCpuTime() - cpuAtStart) / (seconds * 1e9);
            for (Conn c : conns) {
                c.channel.close();
            }
            return new Result(counted, countedBytes, seconds, busy);
        }
    }

    /**
     * Checks the bytes just read against the pattern, in bulk: the pattern is repeated twice in a
     * direct buffer, so any window of it can be compared with {@link ByteBuffer#mismatch}.
     */
    private static void verify(Conn c, ByteBuffer doubled, int size) throws IOException {
        int offset = (int) (c.received % size);
        int at = c.in.position();
        while (at < c.in.limit()) {
            int n = Math.min(c.in.limit() - at, size - offset);
            if (c.in.slice(at, n).mismatch(doubled.slice(offset, n)) >= 0) {
                throw new IOException("echo corrupted near byte " + (c.received + at - c.in.position()));
            }
            at += n;
            offset = 0;
        }
    }

    /** Opens {@code n} connections that stay silent; returns them for closing. */
    static List<SocketChannel> idle(InetSocketAddress server, int n) throws IOException {
        List<SocketChannel> open = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            open.add(SocketChannel.open(server));
        }
        return open;
    }
}
