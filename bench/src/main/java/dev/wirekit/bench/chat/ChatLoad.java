package dev.wirekit.bench.chat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same IRC load for any server: {@code clients} plain non-blocking sockets registered as
 * {@code b0..bN}, client {@code i} in channel {@code #bench(i % channels)}. A sender thread sends
 * channel PRIVMSGs at a fixed total rate, round-robin over the clients, each carrying its send time;
 * two reader threads (one selector each) read every client's stream and record, per delivery, the
 * time from send to arrival. Fan-out is what the server must do: each message goes to every other
 * member of its channel.
 */
final class ChatLoad implements AutoCloseable {
    private static final byte[] MARK = " :M ".getBytes(StandardCharsets.US_ASCII);
    private static final int READERS = 2;

    /** What one step measured. */
    record Result(
            int offered,
            double seconds,
            long sent,
            long expected,
            long delivered,
            long arrived,
            double p50,
            double p99,
            double max) {
        /** Deliveries that arrived during the measured seconds, per second: the fan-out sustained. */
        double fanOutPerSecond() {
            return arrived / seconds;
        }

        /** Messages the generator managed to send per second (below the offered rate if it stalled). */
        double sentPerSecond() {
            return sent / seconds;
        }
    }

    private static final class Client {
        final int index;
        final SocketChannel channel;
        final String target;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        volatile boolean joined;

        Client(int index, SocketChannel channel, String target) {
            this.index = index;
            this.channel = channel;
            this.target = target;
        }
    }

    private final List<Client> clients = new ArrayList<>();
    private final int members;
    private final List<Thread> readers = new ArrayList<>();
    private final List<Selector> selectors = new ArrayList<>();
    /** New clients each reader registers itself (registering from another thread contends with select). */
    private final List<java.util.concurrent.ConcurrentLinkedQueue<Client>> pending = new ArrayList<>();

    private final Latencies[] latencies = new Latencies[READERS];
    private final AtomicLong joined = new AtomicLong();
    private volatile boolean running = true;
    /** Deliveries are counted for messages sent between these times (System.nanoTime). */
    private volatile long windowStart = Long.MAX_VALUE;

    private volatile long windowEnd = Long.MAX_VALUE;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong arrived = new AtomicLong();

    private ChatLoad(int members) {
        this.members = members;
    }

    /** Connects, registers and joins every client; returns once all are in their channels. */
    static ChatLoad connect(InetSocketAddress server, int clients, int channels) throws Exception {
        ChatLoad load = new ChatLoad(clients / channels);
        for (int r = 0; r < READERS; r++) {
            load.selectors.add(Selector.open());
            load.pending.add(new java.util.concurrent.ConcurrentLinkedQueue<>());
            load.latencies[r] = new Latencies();
        }
        CountDownLatch started = new CountDownLatch(READERS);
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            load.readers.add(Thread.ofPlatform().name("chat-load-reader-" + r).start(() -> load.read(reader, started)));
        }
        started.await();
        for (int i = 0; i < clients; i++) {
            SocketChannel ch = SocketChannel.open(server);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            Client c = new Client(i, ch, "#bench" + (i % channels));
            load.clients.add(c);
            load.pending.get(i % READERS).add(c);
            load.selectors.get(i % READERS).wakeup();
            write(ch, "NICK b" + i + "\r\nUSER b" + i + " 0 * :bench\r\nJOIN " + c.target + "\r\n");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (load.joined.get() < clients) {
            if (System.nanoTime() > deadline) {
                throw new IOException("only " + load.joined.get() + " of " + clients + " clients joined in 180 s");
            }
            Thread.sleep(50);
        }
        return load;
    }

    /**
     * Sends {@code rate} messages a second for {@code warmup + seconds}, counting deliveries of the
     * messages sent in the last {@code seconds}, then waits up to 5 s for stragglers.
     */
    Result run(int rate, double warmup, double seconds) throws Exception {
        String padding = "x".repeat(48);
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long measureTo = measureFrom + (long) (seconds * 1e9);
        for (int r = 0; r < READERS; r++) {
            synchronized (selectors.get(r)) {
                latencies[r] = new Latencies();
            }
        }
        delivered.set(0);
        arrived.set(0);
        windowStart = measureFrom;
        windowEnd = measureTo;
        long slots = 0;
        long sentInWindow = 0;
        long maxBehind = Math.max(1, rate / 20); // a stalled generator skips slots rather than bursting
        int next = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= measureTo) {
                break;
            }
            long due = (long) ((now - start) / 1e9 * rate);
            if (due - slots > maxBehind) {
                slots = due - maxBehind;
            }
            while (slots < due) {
                slots++;
                Client c = clients.get(next);
                next = (next + 1) % clients.size();
                long t = System.nanoTime();
                write(c.channel, "PRIVMSG " + c.target + " :M " + t + " " + padding + "\r\n");
                if (t >= measureFrom) {
                    sentInWindow++;
                }
            }
            Thread.sleep(1);
        }
        long arrivedInWindow = arrived.get();
        long expected = sentInWindow * (members - 1);
        long stragglers = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (delivered.get() < expected && System.nanoTime() < stragglers) {
            Thread.sleep(10);
        }
        windowStart = Long.MAX_VALUE;
        Latencies all = new Latencies();
        for (int r = 0; r < READERS; r++) {
            synchronized (selectors.get(r)) {
                all.add(latencies[r]);
            }
        }
        return new Result(
                rate,
                seconds,
                sentInWindow,
                expected,
                delivered.get(),
                arrivedInWindow,
                all.percentileMillis(0.50),
                all.percentileMillis(0.99),
                all.percentileMillis(1.0));
    }

    private static void write(SocketChannel ch, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (b.hasRemaining()) {
            if (ch.write(b) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the server has not read from a client for 10 s");
                }
                Thread.onSpinWait();
            }
        }
    }

    private void read(int reader, CountDownLatch started) {
        Selector selector = selectors.get(reader);
        started.countDown();
        try {
            while (running) {
                selector.select(100);
                Client added;
                while ((added = pending.get(reader).poll()) != null) {
                    added.channel.register(selector, SelectionKey.OP_READ, added);
                }
                synchronized (selector) {
                    for (SelectionKey key : selector.selectedKeys()) {
                        Client c = (Client) key.attachment();
                        int n = c.channel.read(c.in);
                        if (n < 0) {
                            key.cancel();
                            if (running) {
                                System.err.println("client b" + c.index + " was disconnected by the server");
                            }
                            continue;
                        }
                        lines(c, latencies[reader]);
                    }
                    selector.selectedKeys().clear();
                }
            }
        } catch (IOException e) {
            if (running) {
                System.err.println("reader failed: " + e);
            }
        }
    }

    /** Handles the complete lines in {@code c.in}: deliveries, PINGs, the end of the JOIN. */
    private void lines(Client c, Latencies into) throws IOException {
        ByteBuffer in = c.in;
        int start = 0;
        int end = in.position();
        byte[] a = in.array();
        long now = System.nanoTime();
        for (int i = 0; i < end; i++) {
            if (a[i] != '\n') {
                continue;
            }
            line(c, a, start, i, now, into);
            start = i + 1;
        }
        if (start > 0) {
            System.arraycopy(a, start, a, 0, end - start);
            in.position(end - start);
        } else if (!in.hasRemaining()) {
            in.clear(); // an absurdly long line: drop it
        }
    }

    private void line(Client c, byte[] a, int from, int to, long now, Latencies into) throws IOException {
        int mark = indexOf(a, from, to, MARK);
        if (mark >= 0) {
            long sent = 0;
            for (int i = mark + MARK.length; i < to && a[i] >= '0' && a[i] <= '9'; i++) {
                sent = sent * 10 + (a[i] - '0');
            }
            if (sent >= windowStart && sent < windowEnd) {
                into.record(now - sent);
                delivered.incrementAndGet();
            }
            if (now >= windowStart && now < windowEnd) {
                arrived.incrementAndGet();
            }
            return;
        }
        String line = new String(a, from, to - from, StandardCharsets.US_ASCII).strip();
        if (line.startsWith("PING")) {
            write(c.channel, "PONG" + line.substring(4) + "\r\n");
        } else if (!c.joined && line.contains(" 366 ")) {
            c.joined = true;
            joined.incrementAndGet();
        } else if (line.startsWith("ERROR")) {
            System.err.println("client b" + c.index + ": " + line);
        }
    }

    private static int indexOf(byte[] a, int from, int to, byte[] what) {
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (a[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        running = false;
        for (Selector s : selectors) {
            s.wakeup();
        }
        for (Thread t : readers) {
            t.join(5000);
        }
        for (Client c : clients) {
            c.channel.close();
        }
        for (Selector s : selectors) {
            s.close();
        }
    }
}
