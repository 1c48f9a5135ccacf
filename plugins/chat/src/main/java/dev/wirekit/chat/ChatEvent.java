package dev.wirekit.chat;

import java.time.Instant;
import java.util.List;

/**
 * Something that happened on a {@link ChatClient}'s connection, delivered to its listener in the order
 * the server sent it. Switch over the cases:
 *
 * <pre>{@code
 * switch (event) {
 *     case ChatEvent.Message m when m.toChannel() -> show(m.target(), m.from() + ": " + m.text());
 *     case ChatEvent.Message m -> show("private", m.from() + ": " + m.text());
 *     case ChatEvent.Joined j -> show(j.channel(), j.nick() + " joined");
 *     case ChatEvent.Disconnected d -> show("status", "disconnected: " + d.reason());
 *     default -> { }
 * }
 * }</pre>
 */
public sealed interface ChatEvent {

    /** The message the event came from (for {@link Disconnected}, the ERROR line, or null). */
    IrcMessage raw();

    /**
     * A PRIVMSG or NOTICE.
     *
     * @param from the sender's nick, or the server's name
     * @param target the channel it went to, or our own nick for a private message
     * @param text the text (for a CTCP ACTION, the action without its markers: see {@link #action()})
     * @param notice whether it was a NOTICE
     * @param action whether it was a CTCP ACTION ({@code /me})
     * @param fromServer whether the server sent it (no {@code nick!user@host} source)
     * @param time when it was sent: the {@code time} tag (offline messages keep their original time),
     *     else when it arrived
     */
    record Message(
            String from,
            String target,
            String text,
            boolean notice,
            boolean action,
            boolean fromServer,
            Instant time,
            IrcMessage raw)
            implements ChatEvent {
        /** Whether it was sent to a channel rather than to us. */
        public boolean toChannel() {
            return target.startsWith("#");
        }
    }

    /** {@code nick} joined {@code channel} (we did, when nick is ours). */
    record Joined(String nick, String channel, IrcMessage raw) implements ChatEvent {}

    /** {@code nick} left {@code channel}. */
    record Parted(String nick, String channel, String reason, IrcMessage raw) implements ChatEvent {}

    /** {@code nick} disconnected. */
    record Quit(String nick, String reason, IrcMessage raw) implements ChatEvent {}

    /** {@code oldNick} is now called {@code newNick}. */
    record NickChanged(String oldNick, String newNick, IrcMessage raw) implements ChatEvent {}

    /** A channel's topic: set just now by {@code by}, or reported on join ({@code by} may be null). */
    record Topic(String channel, String topic, String by, IrcMessage raw) implements ChatEvent {}

    /** Who is in {@code channel} (after JOIN or NAMES); operators carry an {@code @}. */
    record Names(String channel, List<String> names, IrcMessage raw) implements ChatEvent {
        public Names {
            names = List.copyOf(names);
        }
    }

    /**
     * Any other reply from the server: numerics (errors such as {@code 401}, lists such as {@code
     * 322}), IRCv3 standard replies ({@code FAIL}, {@code WARN}, {@code NOTE}), {@code REGISTER}.
     */
    record Reply(IrcMessage raw) implements ChatEvent {
        /** The reply's code: the numeric, or {@code FAIL/WARN/NOTE code}, or the command. */
        public String code() {
            return switch (raw.command()) {
                case "FAIL", "WARN", "NOTE" -> raw.command() + " " + raw.param(1);
                default -> raw.command();
            };
        }

        /** The human-readable text: the last parameter. */
        public String text() {
            return raw.last() == null ? "" : raw.last();
        }
    }

    /** The connection ended; nothing follows. */
    record Disconnected(String reason, IrcMessage raw) implements ChatEvent {}
}
