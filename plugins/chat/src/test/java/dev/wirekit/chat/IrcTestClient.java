package dev.wirekit.chat;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A raw IRC client for tests: send lines, wait for the replies that matter, keep what came before. */
final class IrcTestClient implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final ClientSession<IrcMessage> session;
    final List<IrcMessage> seen = new ArrayList<>();
    private int marker;

    private IrcTestClient(ClientSession<IrcMessage> session) {
        this.session = session;
    }

    static IrcTestClient connect(Transport transport, InetSocketAddress address) throws IOException {
        return connect(transport, address, TransportOptions.defaults());
    }

    static IrcTestClient connect(Transport transport, InetSocketAddress address, TransportOptions options)
            throws IOException {
        return new IrcTestClient(transport.connect(address, IrcCodec.client(), options));
    }

    /** Connects and registers as {@code nick}; returns after the end of the MOTD. */
    static IrcTestClient registered(Transport transport, InetSocketAddress address, String nick) throws IOException {
        IrcTestClient c = connect(transport, address);
        c.register(nick);
        return c;
    }

    void register(String nick) throws IOException {
        send("NICK " + nick);
        send("USER " + nick + " 0 * :Test user " + nick);
        expect("001");
        expectAny("376", "422");
    }

    void send(String line) {
        session.send(IrcMessage.parse(line));
    }

    /** The next message, failing after the timeout. */
    IrcMessage next() throws IOException {
        IrcMessage m;
        try {
            m = session.receive(TIMEOUT);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing arrived within " + TIMEOUT + "; seen so far: " + seen, e);
        }
        if (m == null) {
            throw new AssertionError("the server closed the connection; seen: " + seen);
        }
        seen.add(m);
        return m;
    }

    /** Reads until a message with {@code command} arrives; returns it. */
    IrcMessage expect(String command) throws IOException {
        return expect(m -> m.command().equals(command), "a " + command);
    }

    IrcMessage expectAny(String... commands) throws IOException {
        List<String> wanted = List.of(commands);
        return expect(m -> wanted.contains(m.command()), "one of " + wanted);
    }

    IrcMessage expect(Predicate<IrcMessage> wanted, String what) throws IOException {
        int from = seen.size();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            IrcMessage m = next();
            if (wanted.test(m)) {
                return m;
            }
        }
        throw new AssertionError("expected " + what + " but got " + seen.subList(from, seen.size()));
    }

    /**
     * Everything the server sends before the answer to a PING sent now: the server handles this
     * client's commands in order, so the list holds every reply to what was sent before.
     */
    List<IrcMessage> sync() throws IOException {
        String token = "sync-" + (++marker);
        send("PING " + token);
        List<IrcMessage> before = new ArrayList<>();
        while (true) {
            IrcMessage m = next();
            if (m.command().equals("PONG") && token.equals(m.last())) {
                return before;
            }
            before.add(m);
        }
    }

    /** Reads until the server closes the connection; returns what came. */
    List<IrcMessage> readToEnd() throws IOException {
        List<IrcMessage> rest = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            IrcMessage m;
            try {
                m = session.receive(TIMEOUT);
            } catch (SocketTimeoutException e) {
                break;
            } catch (IOException e) {
                return rest; // reset after the ERROR line: closed too
            }
            if (m == null) {
                return rest;
            }
            seen.add(m);
            rest.add(m);
        }
        return fail("the server did not close the connection; got " + rest);
    }

    @Override
    public void close() {
        session.close();
    }
}
