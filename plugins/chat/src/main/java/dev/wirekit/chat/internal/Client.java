package dev.wirekit.chat.internal;

import dev.wirekit.api.Session;
import dev.wirekit.api.SessionClosedException;
import dev.wirekit.chat.IrcMessage;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connected client. Its registration state is touched only by its own serial callbacks; its
 * nick, channels and account change under the network's write lock.
 *
 * <p><b>Output.</b> Messages for a client are put in its own FIFO (under the network lock, so every
 * client sees events in the order they happened) and then drained into the session with
 * {@link Session#trySend} by whichever thread gets there first, one at a time. Nothing waits on a
 * slow client: when its transport queue is full, or its FIFO grows past a bound, it is disconnected
 * with an ERROR line ("SendQ exceeded").
 */
final class Client {
    /** Messages waiting to be handed to the transport, beyond which a client counts as stuck. */
    private static final int MAX_PENDING = 4096;

    final Session<IrcMessage> session;
    final InetAddress address;
    final String host;
    final boolean secure;
    final Instant connected;
    final TokenBucket bucket;
    private final Network network;

    // --- registration (own callbacks only) ---
    String pendingNick;
    String user;
    String realName;
    char[] pass;
    boolean capNegotiating;
    boolean capNegotiated;
    final Sasl.State sasl = new Sasl.State();
    int excess;

    // --- shared state (network lock or volatile) ---
    volatile String nick;
    volatile boolean registered;
    volatile String account;
    volatile Set<String> caps = Set.of();
    volatile boolean invisible;
    volatile String away;
    final Set<Channel> channels = new LinkedHashSet<>();
    volatile Instant lastActive;
    volatile Instant pingSent;
    volatile String quitReason;
    /** Set once the client has left the network (QUIT, disconnect, overflow): removal runs once. */
    final AtomicBoolean left = new AtomicBoolean();
    /** Set once nothing more may be sent (closing, or the session is gone). */
    final AtomicBoolean outputClosed = new AtomicBoolean();

    /** In the FIFO: close the session after everything before it, with this last line. */
    private record Closing(IrcMessage last) {}

    private final ConcurrentLinkedQueue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();

    Client(Network network, Session<IrcMessage> session, TokenBucket bucket, Instant now) {
        this.network = network;
        this.session = session;
        this.address = session.remoteAddress().getAddress();
        this.host = address.getHostAddress();
        this.secure = session.security().isPresent();
        this.connected = now;
        this.bucket = bucket;
        this.lastActive = now;
    }

    /** The nick, or {@code *} before one is set: the first parameter of every numeric. */
    String target() {
        String n = nick;
        return n != null ? n : pendingNick != null ? pendingNick : "*";
    }

    /** {@code nick!user@host}: the source of what this client does. */
    String prefix() {
        return nick + "!" + (user == null ? "unknown" : user) + "@" + host;
    }

    boolean has(String cap) {
        return caps.contains(cap);
    }

    /** Puts {@code message} in the FIFO; call {@link #drain()} after any lock is released. */
    void enqueue(IrcMessage message) {
        if (outputClosed.get()) {
            return;
        }
        if (pendingCount.incrementAndGet() > MAX_PENDING) {
            pendingCount.decrementAndGet();
            network.overflow(this);
            return;
        }
        pending.add(message);
    }

    /**
     * Closes the session with {@code error} as its last line, after every message queued before it;
     * nothing queued later is sent.
     */
    void closeWith(IrcMessage error) {
        pendingCount.incrementAndGet();
        pending.add(new Closing(error));
        drain();
    }

    /** Hands queued messages to the transport; only one thread at a time does, in FIFO order. */
    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Object next;
            while ((next = pending.poll()) != null) {
                pendingCount.decrementAndGet();
                if (outputClosed.get()) {
                    continue;
                }
                if (next instanceof Closing closing) {
                    outputClosed.set(true);
                    session.close(closing.last());
                    continue;
                }
                try {
                    if (!session.trySend((IrcMessage) next)) {
                        network.overflow(this);
                    }
                } catch (SessionClosedException e) {
                    outputClosed.set(true);
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    @Override
    public String toString() {
        return "client " + target() + " (" + session.id() + " from " + host + ")";
    }
}
