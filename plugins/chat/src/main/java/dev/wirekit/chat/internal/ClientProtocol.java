package dev.wirekit.chat.internal;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.SessionClosedException;
import dev.wirekit.chat.ChatEvent;
import dev.wirekit.chat.ChatException;
import dev.wirekit.chat.IrcCodec;
import dev.wirekit.chat.IrcMessage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The client side of IRC for {@link dev.wirekit.chat.ChatClient}: registration (CAP negotiation,
 * SASL, NICK/USER), PING answers, tracking of our nick and channels, and turning messages into
 * {@link ChatEvent}s. Driven by the client's reader thread.
 */
public final class ClientProtocol {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.chat");
    private static final int SASL_CHUNK = 400;

    private final ClientSession<IrcMessage> session;
    private final String mechanism;
    private final String saslAccount;
    private char[] saslPassword;
    private final boolean echo;
    private final Consumer<ChatEvent> listener;
    private final CompletableFuture<Void> registered = new CompletableFuture<>();
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final List<String> offered = new ArrayList<>();
    private final List<String> pendingNames = new ArrayList<>();
    private volatile Set<String> caps = Set.of();
    private volatile String nick;
    private volatile String account;
    private volatile String prefix;
    private volatile CompletableFuture<IrcMessage> registering;
    private int nickRetries;

    public ClientProtocol(
            ClientSession<IrcMessage> session,
            String nick,
            String mechanism,
            String saslAccount,
            char[] saslPassword,
            boolean echo,
            int nickRetries,
            Consumer<ChatEvent> listener) {
        this.session = session;
        this.nick = nick;
        this.mechanism = mechanism;
        this.saslAccount = saslAccount;
        this.saslPassword = saslPassword;
        this.echo = echo;
        this.nickRetries = nickRetries;
        this.listener = listener;
    }

    /** Sends what opens registration. */
    public void start(String user, String realName, char[] pass) {
        session.send(IrcMessage.of("CAP", "LS", "302"));
        if (pass != null) {
            session.send(IrcMessage.of("PASS", new String(pass)));
        }
        session.send(IrcMessage.of("NICK", nick));
        session.send(IrcMessage.of("USER", Registration.sanitiseUser(user), "0", "*", realName));
    }

    /** Completes when the server has welcomed us; fails with the server's reason. */
    public CompletableFuture<Void> registered() {
        return registered;
    }

    public String nick() {
        return nick;
    }

    public String account() {
        return account;
    }

    public Set<String> channels() {
        return Set.copyOf(channels);
    }

    public Set<String> capabilities() {
        return caps;
    }

    /** Handles one message from the server. */
    public void handle(IrcMessage m) {
        switch (m.command()) {
            case "PING" -> reply(IrcMessage.of("PONG", m.params().isEmpty() ? "" : m.param(0)));
            case "CAP" -> cap(m);
            case "AUTHENTICATE" -> authenticate(m);
            case "001" -> welcome(m);
            case "900" -> account = m.param(2);
            case "903" -> endCap();
            case "904", "905", "906" -> failRegistration("SASL login failed: " + m.last(), m);
            case "433", "432", "464", "465" -> nickOrLoginRefused(m);
            case "ERROR" -> failRegistration("the server closed the connection: " + m.last(), m);
            case "JOIN" -> joined(m);
            case "PART" -> parted(m);
            case "QUIT" -> emit(new ChatEvent.Quit(m.sourceNick(), m.param(0), m));
            case "NICK" -> nickChanged(m);
            case "TOPIC" -> emit(new ChatEvent.Topic(m.param(0), m.param(1), m.sourceNick(), m));
            case "332" -> emit(new ChatEvent.Topic(m.param(1), m.param(2), null, m));
            case "353" -> pendingNames.addAll(List.of(m.last().split(" ")));
            case "366" -> names(m);
            case "PRIVMSG", "NOTICE" -> message(m);
            case "REGISTER" -> registerAnswer(m, null);
            case "FAIL" -> {
                if ("REGISTER".equals(m.param(0))) {
                    registerAnswer(null, m);
                }
                emit(new ChatEvent.Reply(m));
            }
            default -> emit(new ChatEvent.Reply(m));
        }
    }

    private void cap(IrcMessage m) {
        String sub = m.param(1);
        if ("LS".equals(sub)) {
            boolean more = m.params().size() > 3 && "*".equals(m.param(2));
            for (String token : m.last().split(" ")) {
                if (!token.isEmpty()) {
                    offered.add(token);
                }
            }
            if (!more) {
                request();
            }
        } else if ("ACK".equals(sub)) {
            Set<String> acked = new LinkedHashSet<>(caps);
            for (String c : m.last().trim().split(" +")) {
                if (c.startsWith("-")) {
                    acked.remove(c.substring(1));
                } else {
                    acked.add(c);
                }
            }
            caps = Set.copyOf(acked);
            if (!registered.isDone()) {
                if (mechanism != null && caps.contains("sasl")) {
                    reply(IrcMessage.of("AUTHENTICATE", mechanism));
                } else {
                    endCap();
                }
            }
        } else if ("NAK".equals(sub) && !registered.isDone()) {
            if (mechanism != null) {
                failRegistration("the server refused the capabilities " + m.last(), m);
            } else {
                endCap();
            }
        }
    }

    private void request() {
        List<String> wanted = new ArrayList<>();
        String sasl = null;
        for (String token : offered) {
            int eq = token.indexOf('=');
            String name = eq < 0 ? token : token.substring(0, eq);
            if (name.equals("sasl")) {
                sasl = eq < 0 ? "" : token.substring(eq + 1);
            }
            if (name.equals("server-time") || (name.equals("echo-message") && echo)) {
                wanted.add(name);
            }
        }
        if (mechanism != null) {
            if (sasl == null) {
                failRegistration("the server does not offer SASL login (over this connection)", null);
                return;
            }
            if (!sasl.isEmpty() && !List.of(sasl.split(",")).contains(mechanism)) {
                failRegistration(
                        "the server does not offer SASL " + mechanism + " here (it offers " + sasl + ")", null);
                return;
            }
            wanted.add("sasl");
        }
        if (wanted.isEmpty()) {
            endCap();
        } else {
            reply(IrcMessage.of("CAP", "REQ", String.join(" ", wanted)));
        }
    }

    private void authenticate(IrcMessage m) {
        if (!"+".equals(m.param(0)) || mechanism == null) {
            return;
        }
        byte[] payload;
        if (mechanism.equals("PLAIN")) {
            byte[] user = saslAccount.getBytes(StandardCharsets.UTF_8);
            java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(saslPassword));
            int passLength = encoded.remaining();
            payload = new byte[user.length * 2 + 2 + passLength];
            System.arraycopy(user, 0, payload, 0, user.length);
            System.arraycopy(user, 0, payload, user.length + 1, user.length);
            encoded.get(payload, user.length * 2 + 2, passLength);
            Arrays.fill(encoded.array(), (byte) 0);
            Arrays.fill(saslPassword, '\0');
        } else {
            payload = new byte[0];
        }
        String encoded = Base64.getEncoder().encodeToString(payload);
        Arrays.fill(payload, (byte) 0);
        for (int i = 0; i < encoded.length(); i += SASL_CHUNK) {
            reply(IrcMessage.of("AUTHENTICATE", encoded.substring(i, Math.min(encoded.length(), i + SASL_CHUNK))));
        }
        if (encoded.length() % SASL_CHUNK == 0) {
            reply(IrcMessage.of("AUTHENTICATE", "+"));
        }
    }

    private void endCap() {
        if (!registered.isDone()) {
            reply(IrcMessage.of("CAP", "END"));
        }
    }

    private void welcome(IrcMessage m) {
        nick = m.param(0);
        String last = m.last();
        String word = last.substring(last.lastIndexOf(' ') + 1);
        if (word.startsWith(nick + "!") && word.contains("@")) {
            prefix = word;
        }
        registered.complete(null);
        emit(new ChatEvent.Reply(m));
    }

    private void nickOrLoginRefused(IrcMessage m) {
        if (registered.isDone()) {
            emit(new ChatEvent.Reply(m));
            return;
        }
        if (m.command().equals("433") && nickRetries > 0) {
            nickRetries--;
            nick = m.param(1) + "_";
            reply(IrcMessage.of("NICK", nick));
            return;
        }
        String what = switch (m.command()) {
            case "433" -> "nick " + m.param(1) + " is in use: " + m.last();
            case "432" -> "nick " + m.param(1) + " is not allowed: " + m.last();
            default -> "login refused: " + m.last();
        };
        failRegistration(what, m);
    }

    private void failRegistration(String why, IrcMessage m) {
        if (saslPassword != null) {
            Arrays.fill(saslPassword, '\0');
        }
        if (!registered.isDone()) {
            registered.completeExceptionally(new ChatException(why, m));
        } else if (m != null) {
            emit(new ChatEvent.Reply(m));
        }
    }

    private void joined(IrcMessage m) {
        if (isMe(m.sourceNick())) {
            channels.add(m.param(0));
        }
        emit(new ChatEvent.Joined(m.sourceNick(), m.param(0), m));
    }

    private void parted(IrcMessage m) {
        if (isMe(m.sourceNick())) {
            channels.remove(m.param(0));
        }
        emit(new ChatEvent.Parted(m.sourceNick(), m.param(0), m.param(1), m));
    }

    private void nickChanged(IrcMessage m) {
        String old = m.sourceNick();
        if (isMe(old)) {
            nick = m.param(0);
            if (prefix != null) {
                prefix = nick + prefix.substring(prefix.indexOf('!'));
            }
        }
        emit(new ChatEvent.NickChanged(old, m.param(0), m));
    }

    private void names(IrcMessage m) {
        List<String> names = List.copyOf(pendingNames);
        pendingNames.clear();
        emit(new ChatEvent.Names(m.param(1), names, m));
    }

    private void message(IrcMessage m) {
        String text = m.param(1) == null ? "" : m.param(1);
        boolean action = text.startsWith("\u0001ACTION ") && text.endsWith("\u0001") && text.length() > 8;
        if (action) {
            text = text.substring(8, text.length() - 1);
        }
        String source = m.source();
        boolean fromServer = source == null || source.indexOf('!') < 0;
        Instant time = Instant.now();
        String tag = m.tags().get("time");
        if (tag != null) {
            try {
                time = Instant.parse(tag);
            } catch (RuntimeException ignored) {
                // keep the arrival time
            }
        }
        emit(new ChatEvent.Message(
                source == null ? "" : m.sourceNick(),
                m.param(0),
                text,
                m.command().equals("NOTICE"),
                action,
                fromServer,
                time,
                m));
    }

    private void registerAnswer(IrcMessage success, IrcMessage failure) {
        CompletableFuture<IrcMessage> waiting = registering;
        if (success != null && "SUCCESS".equals(success.param(0))) {
            account = success.param(1); // the draft spec: a successful registration logs in
        }
        if (waiting != null) {
            if (success != null) {
                waiting.complete(success);
            } else {
                waiting.completeExceptionally(new ChatException(
                        "registration refused (" + failure.param(1) + "): " + failure.last(), failure));
            }
        }
        if (success != null) {
            emit(new ChatEvent.Reply(success));
        }
    }

    /** Sends the REGISTER request {@code send} and waits for its answer. */
    public void awaitRegister(Runnable send, Duration timeout) throws IOException {
        CompletableFuture<IrcMessage> answer = new CompletableFuture<>();
        registering = answer;
        try {
            send.run();
            answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new ChatException("no answer to REGISTER within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while registering an account");
        } finally {
            registering = null;
        }
    }

    /** The connection ended. */
    public void disconnected(String reason, IrcMessage error) {
        failRegistration(reason, null);
        CompletableFuture<IrcMessage> waiting = registering;
        if (waiting != null) {
            waiting.completeExceptionally(new ChatException("disconnected: " + reason, error));
        }
        channels.clear();
        emit(new ChatEvent.Disconnected(reason, error));
    }

    /**
     * {@code text} cut into pieces that fit a line as the server relays it ({@code :prefix COMMAND
     * target :text}), at line breaks and otherwise preferably at spaces; {@code reserve} more bytes
     * are kept free (for CTCP markers).
     */
    public List<String> split(String command, String target, String text, int reserve) {
        String p = prefix != null ? prefix : nick + "!" + "x".repeat(10) + "@" + "x".repeat(63);
        int room = IrcCodec.MAX_BODY
                - (1 + IrcCodec.utf8Length(p) + 1 + command.length() + 1 + IrcCodec.utf8Length(target) + 2)
                - reserve;
        List<String> parts = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n")) {
            String rest = line.replace("\0", "");
            while (IrcCodec.utf8Length(rest) > room) {
                int cut = fitting(rest, room);
                int space = rest.lastIndexOf(' ', cut);
                if (space > cut / 2) {
                    cut = space;
                }
                parts.add(rest.substring(0, cut));
                rest = rest.substring(cut).stripLeading();
            }
            if (!rest.isEmpty()) {
                parts.add(rest);
            }
        }
        return parts;
    }

    private static int fitting(String s, int bytes) {
        int used = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + n > bytes) {
                break;
            }
            used += n;
            i += Character.charCount(cp);
        }
        return Math.max(1, i);
    }

    private boolean isMe(String who) {
        return who != null && Names.fold(who).equals(Names.fold(nick));
    }

    private void reply(IrcMessage m) {
        try {
            session.send(m);
        } catch (SessionClosedException e) {
            // the reader will see the end
        }
    }

    private void emit(ChatEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "chat client: the event listener failed on " + event, e);
        }
    }
}
