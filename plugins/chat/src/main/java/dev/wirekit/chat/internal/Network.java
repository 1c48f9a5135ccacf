package dev.wirekit.chat.internal;

import dev.wirekit.chat.ChatServerConfig;
import dev.wirekit.chat.IrcCodec;
import dev.wirekit.chat.IrcMessage;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The shared state of one chat server: who is connected, which nicks are taken, which channels exist,
 * and how messages reach clients.
 *
 * <p><b>Locking.</b> Nicks, channel membership and topics change under the write lock; fan-out and
 * queries run under the read lock. Messages are only queued in each recipient's FIFO while a lock is
 * held ({@link Batch#send}); they are handed to the transport after the lock is released, so no
 * client's socket is ever written while the lock is held.
 */
final class Network {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.chat");

    final ChatServerConfig config;
    final InstantSource clock;
    final String server;
    final Instant started;
    final Map<String, Client> nicks = new HashMap<>();
    final Map<String, Channel> channels = new HashMap<>();
    final Set<Client> connected = ConcurrentHashMap.newKeySet();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    Network(ChatServerConfig config) {
        this.config = config;
        this.clock = config.clock();
        this.server = config.serverName();
        this.started = clock.instant();
    }

    /** Messages queued while a lock is held, handed to the transport once it is released. */
    final class Batch {
        private final Set<Client> touched = new LinkedHashSet<>();

        private IrcMessage original;
        private IrcMessage stamped;

        void send(Client to, IrcMessage message) {
            IrcMessage m = message;
            if (to.has(Capabilities.SERVER_TIME) && !message.tags().containsKey("time")) {
                if (message != original) { // one stamped copy per message: encoded once for all its readers
                    original = message;
                    stamped = message.withTag("time", time(clock.instant()));
                }
                m = stamped;
            }
            to.enqueue(m);
            touched.add(to);
        }

        void numeric(Client to, String code, String... params) {
            send(to, Network.this.numeric(to, code, params));
        }

        private void flush() {
            touched.forEach(Client::drain);
        }
    }

    /** Runs {@code body} under the write lock, then delivers what it sent. */
    void write(Consumer<Batch> body) {
        Batch batch = new Batch();
        lock.writeLock().lock();
        try {
            body.accept(batch);
        } finally {
            lock.writeLock().unlock();
        }
        batch.flush();
    }

    /** Runs {@code body} under the read lock, then delivers what it sent. */
    void read(Consumer<Batch> body) {
        Batch batch = new Batch();
        lock.readLock().lock();
        try {
            body.accept(batch);
        } finally {
            lock.readLock().unlock();
        }
        batch.flush();
    }

    /** Sends one message to one client, outside any lock. */
    void send(Client to, IrcMessage message) {
        to.enqueue(stamp(to, message));
        to.drain();
    }

    /** Sends numeric {@code code} to {@code to}. */
    void reply(Client to, String code, String... params) {
        send(to, numeric(to, code, params));
    }

    /** A numeric from this server: {@code :server CODE target params...}. */
    IrcMessage numeric(Client to, String code, String... params) {
        List<String> all = new ArrayList<>(params.length + 1);
        all.add(to.target());
        all.addAll(List.of(params));
        return fit(new IrcMessage(Map.of(), server, code, all));
    }

    /** A message from this server. */
    IrcMessage fromServer(String command, String... params) {
        return fit(IrcMessage.from(server, command, params));
    }

    /** Adds the {@code time} tag for clients that asked for {@code server-time}. */
    private IrcMessage stamp(Client to, IrcMessage message) {
        if (to.has(Capabilities.SERVER_TIME) && !message.tags().containsKey("time")) {
            return message.withTag("time", time(clock.instant()));
        }
        return message;
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * {@code message} shortened, if need be, to fit the 510-byte body limit: its last parameter (the
     * text) is cut at a character boundary.
     */
    static IrcMessage fit(IrcMessage message) {
        int over = IrcCodec.bodyLength(message) - IrcCodec.MAX_BODY;
        if (over <= 0 || message.params().isEmpty()) {
            return message;
        }
        String last = message.last();
        int keep = IrcCodec.utf8Length(last) - over;
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < last.length(); ) {
            int cp = last.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > keep) {
                break;
            }
            cut.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        List<String> params = new ArrayList<>(message.params());
        params.set(params.size() - 1, cut.toString());
        return new IrcMessage(message.tags(), message.source(), message.command(), params);
    }

    /** The client with {@code nick}, if connected and registered; call under a lock. */
    Client find(String nick) {
        return nicks.get(Names.fold(nick));
    }

    /** {@link #find}, taking the read lock itself. */
    Client lookup(String nick) {
        lock.readLock().lock();
        try {
            return find(nick);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * {@code client} cannot keep up: its queue is full. It is disconnected with an ERROR line that
     * jumps the queue, and leaves the network at once (its peers see it quit).
     */
    void overflow(Client client) {
        if (!client.outputClosed.compareAndSet(false, true)) {
            return;
        }
        LOG.log(
                Level.INFO,
                () -> "chat: disconnecting " + client + ": it does not read fast enough (send queue exceeded)");
        client.quitReason = "SendQ exceeded";
        // Not here: this may run under the network lock, and on the blocking transport a write from a
        // session's own reader thread goes straight to its (full) socket.
        Thread.ofVirtual().name("chat-overflow-quit").start(() -> {
            client.session.close(IrcMessage.of("ERROR", "Closing Link: " + client.host + " (SendQ exceeded)"));
            quit(client, "SendQ exceeded");
        });
    }

    /** Removes {@code client} from the network (once) and tells everyone who shares a channel. */
    void quit(Client client, String reason) {
        if (!client.left.compareAndSet(false, true)) {
            return;
        }
        connected.remove(client);
        write(batch -> {
            if (!client.registered) {
                return;
            }
            IrcMessage quit = fit(IrcMessage.from(client.prefix(), "QUIT", reason));
            Set<Client> peers = new LinkedHashSet<>();
            for (Channel channel : client.channels) {
                channel.members.remove(client);
                peers.addAll(channel.members.keySet());
                if (channel.members.isEmpty()) {
                    channels.remove(Names.fold(channel.name));
                }
            }
            client.channels.clear();
            nicks.remove(Names.fold(client.nick), client);
            for (Client peer : peers) {
                batch.send(peer, quit);
            }
        });
    }
}
