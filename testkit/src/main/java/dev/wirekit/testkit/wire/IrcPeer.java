package dev.wirekit.testkit.wire;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.api.framing.LineEnding;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One IRC client connection for {@link ChatSuite}: sends lines, reads the server's messages and waits
 * for the ones a rule needs, keeping what it skipped for the failure message. It parses leniently
 * (bytes that are not UTF-8 are shown as U+FFFD) because it checks servers, not itself.
 */
final class IrcPeer implements AutoCloseable {
    /** The widest line any server may send: 8191 bytes of tags and a 510-byte body. */
    private static final int MAX_LINE = 8191 + 510;

    /** One parsed message. */
    record Line(String raw, String source, String command, List<String> params) {
        /** Parameter {@code i}, or null. */
        String param(int i) {
            return i < params.size() ? params.get(i) : null;
        }

        /** The last parameter, or null. */
        String last() {
            return params.isEmpty() ? null : params.get(params.size() - 1);
        }

        /** The nick of the source ({@code nick} of {@code nick!user@host}), or null. */
        String nick() {
            if (source == null) {
                return null;
            }
            int bang = source.indexOf('!');
            return bang < 0 ? source : source.substring(0, bang);
        }

        boolean is(String... commands) {
            return Arrays.asList(commands).contains(command);
        }

        @Override
        public String toString() {
            return raw;
        }

        static Line parse(String raw) {
            String rest = raw;
            if (rest.startsWith("@")) {
                int space = rest.indexOf(' ');
                rest = space < 0 ? "" : rest.substring(space + 1).stripLeading();
            }
            String source = null;
            if (rest.startsWith(":")) {
                int space = rest.indexOf(' ');
                source = space < 0 ? rest.substring(1) : rest.substring(1, space);
                rest = space < 0 ? "" : rest.substring(space + 1).stripLeading();
            }
            int space = rest.indexOf(' ');
            String command = (space < 0 ? rest : rest.substring(0, space)).toUpperCase(Locale.ROOT);
            rest = space < 0 ? "" : rest.substring(space + 1);
            List<String> params = new ArrayList<>();
            while (!rest.isEmpty()) {
                if (rest.startsWith(":")) {
                    params.add(rest.substring(1));
                    break;
                }
                space = rest.indexOf(' ');
                params.add(space < 0 ? rest : rest.substring(0, space));
                rest = space < 0 ? "" : rest.substring(space + 1).stripLeading();
            }
            return new Line(raw, source, command, List.copyOf(params));
        }

        /** The value of IRCv3 tag {@code key} on this line, or null. */
        String tag(String key) {
            if (!raw.startsWith("@")) {
                return null;
            }
            int space = raw.indexOf(' ');
            for (String tag : raw.substring(1, space < 0 ? raw.length() : space).split(";")) {
                int eq = tag.indexOf('=');
                if ((eq < 0 ? tag : tag.substring(0, eq)).equals(key)) {
                    return eq < 0 ? "" : tag.substring(eq + 1);
                }
            }
            return null;
        }
    }

    private final ClientSession<String> session;
    private final Duration timeout;
    private final List<Line> seen = new ArrayList<>();
    private int syncs;

    private IrcPeer(ClientSession<String> session, Duration timeout) {
        this.session = session;
        this.timeout = timeout;
    }

    static IrcPeer connect(WireSuite suite) throws IOException {
        return new IrcPeer(
                suite.connect(Framers.lines(MAX_LINE, StandardCharsets.ISO_8859_1, LineEnding.CRLF)),
                suite.target().timeout());
    }

    /** Sends one line (CR LF is added). */
    void send(String line) {
        session.send(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    /** The next message; fails when none comes within the timeout or the server closed. */
    Line next() throws IOException {
        String text;
        try {
            text = session.receive(timeout);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server sent nothing for " + timeout + "; last lines: " + recent(), e);
        }
        if (text == null) {
            throw new AssertionError("the server closed the connection; last lines: " + recent());
        }
        Line line = Line.parse(new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        seen.add(line);
        return line;
    }

    /** Reads until a message with one of {@code commands} arrives. */
    Line expect(String... commands) throws IOException {
        return expect(l -> l.is(commands), "one of " + Arrays.toString(commands));
    }

    Line expect(Predicate<Line> wanted, String what) throws IOException {
        int from = seen.size();
        while (true) {
            Line line;
            try {
                line = next();
            } catch (AssertionError e) {
                throw new AssertionError("expected " + what + " but got " + seen.subList(from, seen.size()), e);
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /**
     * What the server sends before it answers a PING sent now: servers handle a client's commands in
     * order, so this holds every reply to what was sent before.
     */
    List<Line> sync() throws IOException {
        String token = "wirekit-sync-" + (++syncs);
        send("PING " + token);
        List<Line> before = new ArrayList<>();
        while (true) {
            Line line = next();
            if (line.is("PONG") && token.equals(line.last())) {
                return before;
            }
            before.add(line);
        }
    }

    /** NICK and USER, then waits for 001 and the end of the MOTD (376 or 422). */
    void register(String nick) throws IOException {
        send("NICK " + nick);
        send("USER " + nick + " 0 * :Wirekit testkit");
        expect("001");
        expect("376", "422");
    }

    /** Reads until the server closes the connection; fails if it does not within the timeout. */
    List<Line> readToEnd() throws IOException {
        List<Line> rest = new ArrayList<>();
        while (true) {
            String text;
            try {
                text = session.receive(timeout);
            } catch (SocketTimeoutException e) {
                throw new AssertionError(
                        "the server did not close the connection within " + timeout + "; it sent " + rest);
            } catch (IOException e) {
                return rest; // closed with a reset after its last line
            }
            if (text == null) {
                return rest;
            }
            Line line = Line.parse(new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            seen.add(line);
            rest.add(line);
        }
    }

    private List<Line> recent() {
        return seen.subList(Math.max(0, seen.size() - 8), seen.size());
    }

    @Override
    public void close() {
        session.close();
    }
}
