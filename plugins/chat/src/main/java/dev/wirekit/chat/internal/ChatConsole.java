package dev.wirekit.chat.internal;

import dev.wirekit.api.SessionClosedException;
import dev.wirekit.chat.ChatClient;
import dev.wirekit.chat.ChatEvent;
import dev.wirekit.chat.ChatException;
import dev.wirekit.chat.IrcFormatException;
import dev.wirekit.chat.IrcMessage;
import dev.wirekit.spi.CommandContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * The interactive terminal client behind {@code wirekit chat}: what arrives is printed at once by the
 * client's reader thread while this thread reads what the user types (with the terminal's line
 * editing and history, when there is a terminal). Plain lines go to the current channel or query;
 * commands start with {@code /}.
 */
final class ChatConsole {
    static final String HELP = String.join(
            "\n",
            "commands:",
            "  /join #channel          join a channel (it becomes the current one)",
            "  /part [#channel] [why]  leave a channel (default: the current one)",
            "  /msg nick|#chan text    send to someone or somewhere",
            "  /query nick             send plain lines to nick from now on",
            "  /me text                an action in the current channel or query",
            "  /names [#channel]       who is in a channel",
            "  /topic [#channel] [text]  show or set the topic",
            "  /nick newnick           change your nick",
            "  /list, /who MASK, /whois NICK",
            "  /register               create an account for your nick (asks for a password)",
            "  /quote RAW LINE         send a raw IRC line",
            "  /quit [message]         leave");

    private final CommandContext context;
    private final PrintStream out;
    private volatile ChatClient chat;
    private volatile String current;

    private ChatConsole(CommandContext context) {
        this.context = context;
        this.out = context.out();
    }

    static int run(CommandContext context) throws IOException {
        return new ChatConsole(context).run();
    }

    private int run() throws IOException {
        var values = context.values();
        InetSocketAddress target = context.target(values.string("target"), ChatProvider.DEFAULT_PORT);
        String nick = values.optional("nick").orElseGet(ChatConsole::defaultNick);
        ChatClient.Builder builder = ChatClient.builder(context.transport(), target)
                .options(context.clientOptions())
                .nick(nick)
                .retryNickInUse(3)
                .timeout(values.duration("timeout"))
                .listener(this::show);
        if (values.flag("sasl-external")) {
            if (values.has("sasl")) {
                throw new IllegalArgumentException("choose one login: --sasl ACCOUNT (a password) or --sasl-external");
            }
            if (context.clientOptions().layers().isEmpty()) {
                throw new IllegalArgumentException(
                        "--sasl-external logs in with a TLS client certificate: add --tls --cert FILE --key FILE");
            }
            builder.saslExternal();
        } else if (values.has("sasl")) {
            char[] password = UserCommands.readPassword(context, "Password for " + values.string("sasl") + ": ");
            if (password == null) {
                context.err().println("no password given");
                return 1;
            }
            builder.sasl(values.string("sasl"), password);
            PasswordHasher.wipe(password);
        }
        try {
            chat = builder.connect();
        } catch (ChatException e) {
            context.err().println("cannot chat on " + values.string("target") + ": " + e.getMessage());
            return 1;
        }
        print("* connected to " + values.string("target") + " as " + chat.nick()
                + (chat.account() == null ? "" : " (account " + chat.account() + ")") + "; /help for commands");
        for (String channel : values.list("join")) {
            chat.join(channel);
        }
        try {
            String line;
            while (chat.isConnected() && (line = context.readLine(prompt())) != null) {
                if (!handle(line.strip())) {
                    return 0;
                }
            }
            chat.quit("Leaving");
        } catch (SessionClosedException e) {
            // the reader has said why
        } finally {
            chat.close();
        }
        return 0;
    }

    private String prompt() {
        return current == null ? "> " : "[" + current + "] ";
    }

    /** Handles one typed line; false when the user quit. */
    private boolean handle(String line) {
        if (line.isEmpty()) {
            return true;
        }
        if (!line.startsWith("/")) {
            if (current == null) {
                print("! no current channel: /join #channel, or /msg nick text");
            } else {
                chat.message(current, line);
                print((current.startsWith("#") ? "[" + current + "] " : "[to " + current + "] ") + "<" + chat.nick()
                        + "> " + line);
            }
            return true;
        }
        String[] words = line.split(" +", 3);
        String command = words[0].substring(1).toLowerCase(Locale.ROOT);
        String arg1 = words.length > 1 ? words[1] : null;
        String rest = words.length > 2 ? words[2] : null;
        String tail = line.indexOf(' ') < 0
                ? null
                : line.substring(line.indexOf(' ') + 1).strip();
        switch (command) {
            case "join", "j" -> {
                if (arg1 == null) {
                    print("! usage: /join #channel");
                } else {
                    chat.join(arg1);
                }
            }
            case "part", "leave" -> part(arg1, rest);
            case "msg" -> {
                if (rest == null) {
                    print("! usage: /msg nick|#channel text");
                } else {
                    chat.message(arg1, rest);
                    print("[to " + arg1 + "] <" + chat.nick() + "> " + rest);
                }
            }
            case "query" -> {
                current = arg1;
                print(arg1 == null ? "* no current target" : "* talking to " + arg1);
            }
            case "me" -> {
                if (current == null || tail == null) {
                    print("! usage: /me text (in a channel or query)");
                } else {
                    chat.action(current, tail);
                    print((current.startsWith("#") ? "[" + current + "] " : "") + "* " + chat.nick() + " " + tail);
                }
            }
            case "names" -> chat.send(IrcMessage.of("NAMES", arg1 != null ? arg1 : orCurrent()));
            case "topic" -> topic(arg1, rest, tail);
            case "nick" -> {
                if (arg1 == null) {
                    print("! usage: /nick newnick");
                } else {
                    chat.changeNick(arg1);
                }
            }
            case "list" -> chat.send(IrcMessage.of("LIST"));
            case "who" -> chat.send(IrcMessage.of("WHO", arg1 != null ? arg1 : orCurrent()));
            case "whois" -> {
                if (arg1 != null) {
                    chat.send(IrcMessage.of("WHOIS", arg1));
                }
            }
            case "register" -> register();
            case "quote", "raw" -> quote(tail);
            case "quit", "exit" -> {
                chat.quit(tail == null ? "Leaving" : tail);
                return false;
            }
            case "help", "?" -> print(HELP);
            default -> print("! unknown command /" + command + "; /help lists them");
        }
        return true;
    }

    private String orCurrent() {
        return current != null && current.startsWith("#") ? current : "*";
    }

    private void part(String channel, String reason) {
        String which = channel != null && channel.startsWith("#") ? channel : current;
        if (which == null || !which.startsWith("#")) {
            print("! usage: /part #channel [reason]");
            return;
        }
        String why = channel != null && !channel.startsWith("#")
                ? (reason == null ? channel : channel + " " + reason)
                : reason;
        chat.part(which, why);
    }

    private void topic(String arg1, String rest, String tail) {
        if (arg1 != null && arg1.startsWith("#")) {
            chat.send(rest == null ? IrcMessage.of("TOPIC", arg1) : IrcMessage.of("TOPIC", arg1, rest));
        } else if (current != null && current.startsWith("#")) {
            chat.send(tail == null ? IrcMessage.of("TOPIC", current) : IrcMessage.of("TOPIC", current, tail));
        } else {
            print("! usage: /topic [#channel] [text]");
        }
    }

    private void register() {
        try {
            char[] password = UserCommands.readPassword(context, "New password for " + chat.nick() + ": ");
            if (password == null) {
                return;
            }
            chat.register(password, Duration.ofSeconds(30));
        } catch (IOException e) {
            print("! " + e.getMessage());
        }
    }

    private void quote(String raw) {
        if (raw == null) {
            print("! usage: /quote RAW IRC LINE");
            return;
        }
        try {
            chat.send(IrcMessage.parse(raw));
        } catch (IrcFormatException e) {
            print("! not an IRC message: " + e.getMessage());
        }
    }

    private void show(ChatEvent event) {
        ChatClient c = chat;
        String me = c == null ? null : c.nick();
        if (event instanceof ChatEvent.Joined j && j.nick().equals(me)) {
            current = j.channel();
        } else if (event instanceof ChatEvent.Parted p
                && p.nick().equals(me)
                && p.channel().equals(current)) {
            current = c.channels().stream().findFirst().orElse(null);
        }
        String line = EventFormatter.format(event, me);
        if (line != null) {
            print(line);
        }
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private static String defaultNick() {
        String user = System.getProperty("user.name", "guest").replaceAll("[^A-Za-z0-9_\\-\\[\\]\\\\`^{|}]", "");
        if (user.isEmpty() || !Names.isNick(user, 30)) {
            return "guest";
        }
        return user;
    }
}
