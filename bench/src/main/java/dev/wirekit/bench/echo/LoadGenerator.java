package dev.wirekit.bench.echo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 *
 * <p>The generator is kept as cheap per message as it can be, so that with a core of its own it is
 * not the limit of what it measures: a reply's refill is written at once from where it was read (no
 * second pass through the selector, no interest change unless the socket is full), what it sends is
 * read straight out of one shared buffer holding the pattern repeated (nothing copied in user space),
 * and every connection reads into one shared large buffer that is checked while it is hot in cache.
 */
final class LoadGenerator {
    /**
     * What one run measured. {@code generatorBusy}: the generator thread's CPU time over the measured
     * time (1.0: it was the limit).
     */
    record Result(long messages, long bytes, double seconds, double generatorBusy) {
        double messagesPerSecond() {
            return messages / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1_000_000.0;
        }
    }

    private static final int READ_BUFFER = 256 * 1024;

    private static final class Conn {
        final SocketChannel channel;
        /** A private view of the shared pattern buffer, positioned at what is to be sent next. */
        final ByteBuffer out;

        SelectionKey key;
        /** Bytes owed to the server: messages refilled but not yet (fully) written. */
        long owed;
        /** Bytes written so far (position in the endless repetition of the pattern). */
        long sent;
        /** Bytes received and checked so far. */
        long received;

        Conn(SocketChannel channel, ByteBuffer patterns) {
            this.channel = channel;
            this.out = patterns.duplicate();
        }

        /** Writes as much of what is owed as the socket takes; true when all of it went. */
        boolean flush(int size) throws IOException {
            while (owed > 0) {
                int offset = (int) (sent % size);
                out.limit((int) Math.min(out.capacity(), offset + owed)).position(offset);
                int n = channel.write(out);
                if (n == 0) {
                    return false;
                }
                sent += n;
                owed -= n;
            }
            return true;
        }
    }

    static Result run(
            InetSocketAddress server, int connections, int size, int depth, double warmupSeconds, double seconds)
            throws IOException {
        byte[] pattern = new byte[size];
        new Random(size).nextBytes(pattern);
        // the pattern repeated depth + 1 times: any window of up to depth messages starting anywhere
        // in a message is one contiguous slice of it, for sending and for checking
        ByteBuffer patterns = ByteBuffer.allocateDirect(size * (depth + 1));
        for (int i = 0; i <= depth; i++) {
            patterns.put(pattern);
        }
        patterns.flip();
        ByteBuffer in = ByteBuffer.allocateDirect(Math.max(READ_BUFFER, size));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Selector selector = Selector.open()) {
            List<Conn> conns = new ArrayList<>();
            try {
                for (int i = 0; i < connections; i++) {
                    SocketChannel ch = SocketChannel.open(server);
                    Conn c = new Conn(ch, patterns);
                    conns.add(c);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.configureBlocking(false);
                    c.key = ch.register(selector, SelectionKey.OP_READ, c);
                    c.owed = (long) depth * size;
                    if (!c.flush(size)) {
                        c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    }
                }
                long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
                long end = warmupEnd + (long) (seconds * 1e9);
                long counted = 0;
                long cpuAtStart = 0;
                boolean measuring = false;
                while (true) {
                    long now = System.nanoTime();
                    if (!measuring && now >= warmupEnd) {
                        measuring = true;
                        counted = 0;
                        cpuAtStart = threads.getCurrentThreadCpuTime();
                    }
                    if (now >= end) {
                        break;
                    }
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        Conn c = (Conn) key.attachment();
                        boolean wasBlocked = c.owed > 0;
                        if (key.isReadable()) {
                            in.clear();
                            int n = c.channel.read(in);
                            if (n < 0) {
                                throw new IOException("the server closed a connection");
                            }
                            in.flip();
                            verify(in, c.received, patterns, size);
                            long before = c.received / size;
                            c.received += n;
                            int done = (int) (c.received / size - before);
                            counted += done;
                            c.owed += (long) done * size;
                        }
                        boolean blocked = !c.flush(size);
                        if (blocked != wasBlocked) {
                            key.interestOps(SelectionKey.OP_READ | (blocked ? SelectionKey.OP_WRITE : 0));
                        }
                    }
                    selector.selectedKeys().clear();
                }
                double busy = (threads.getCurrentThreadCpuTime() - cpuAtStart) / (seconds * 1e9);
                return new Result(counted, counted * size, seconds, busy);
            } finally {
                for (Conn c : conns) {
                    c.channel.close();
                }
            }
        }
    }

    /**
     * Checks the bytes just read, which continue the stream at byte {@code received}, against the
     * pattern, in bulk with {@link ByteBuffer#mismatch}.
     */
    private static void verify(ByteBuffer in, long received, ByteBuffer patterns, int size) throws IOException {
        int offset = (int) (received % size);
        int at = in.position();
        while (at < in.limit()) {
            int n = Math.min(in.limit() - at, patterns.capacity() - offset);
            if (in.slice(at, n).mismatch(patterns.slice(offset, n)) >= 0) {
                throw new IOException("echo corrupted near byte " + (received + at - in.position()));
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
