package dev.wirekit.chat.internal;

import dev.wirekit.chat.ChatEvent;
import dev.wirekit.chat.IrcMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/** How the terminal client shows events: one line each, or nothing for bookkeeping replies. */
final class EventFormatter {
    /** Replies the client uses itself, or that say nothing a user needs. */
    private static final Set<String> QUIET =
            Set.of("002", "003", "004", "005", "315", "318", "323", "329", "333", "366", "375", "376", "ERROR");

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private EventFormatter() {}

    /** The line for {@code event}, or null when it is not shown. */
    static String format(ChatEvent event, String me) {
        return switch (event) {
            case ChatEvent.Message m -> message(m, me);
            case ChatEvent.Joined j -> "* " + j.nick() + " joined " + j.channel();
            case ChatEvent.Parted p -> "* " + p.nick() + " left " + p.channel() + reason(p.reason());
            case ChatEvent.Quit q -> "* " + q.nick() + " quit" + reason(q.reason());
            case ChatEvent.NickChanged n -> "* " + n.oldNick() + " is now known as " + n.newNick();
            case ChatEvent.Topic t ->
                t.by() == null
                        ? "* topic of " + t.channel() + ": " + t.topic()
                        : "* " + t.by() + " set the topic of " + t.channel() + " to: " + t.topic();
            case ChatEvent.Names n -> "* in " + n.channel() + ": " + String.join(" ", n.names());
            case ChatEvent.Reply r -> reply(r.raw());
            case ChatEvent.Disconnected d -> "* disconnected: " + d.reason();
        };
    }

    private static String reason(String reason) {
        return reason == null || reason.isEmpty() ? "" : " (" + reason + ")";
    }

    private static String message(ChatEvent.Message m, String me) {
        String late = Duration.between(m.time(), Instant.now()).toSeconds() > 60
                ? " (sent " + WHEN.format(m.time()) + ")"
                : "";
        if (m.fromServer()) {
            return "-" + (m.from().isEmpty() ? "server" : m.from()) + "- " + m.text() + late;
        }
        String where = m.toChannel() ? "[" + m.target() + "] " : m.from().equals(me) ? "[to " + m.target() + "] " : "";
        if (m.action()) {
            return where + "* " + m.from() + " " + m.text() + late;
        }
        if (m.notice()) {
            return where + "-" + m.from() + "- " + m.text() + late;
        }
        return m.toChannel() || m.from().equals(me)
                ? where + "<" + m.from() + "> " + m.text() + late
                : "*" + m.from() + "* " + m.text() + late;
    }

    private static String reply(IrcMessage r) {
        String code = r.command();
        if (QUIET.contains(code)) {
            return null;
        }
        return switch (code) {
            case "001", "372", "422" -> "- " + r.last();
            case "322" -> "  " + r.param(1) + " (" + r.param(2) + ") " + r.last();
            case "352" ->
                "  " + r.param(5) + " " + r.param(2) + "@" + r.param(3) + " " + r.param(1) + " "
                        + r.last().replaceFirst("^\\d+ ", "");
            case "311" -> "  " + r.param(1) + " is " + r.param(2) + "@" + r.param(3) + " (" + r.last() + ")";
            case "319" -> "  " + r.param(1) + " is in " + r.last();
            case "312" -> "  " + r.param(1) + " is on " + r.param(2);
            case "330" -> "  " + r.param(1) + " is logged in as " + r.param(2);
            case "301" -> "  " + r.param(1) + " is away: " + r.last();
            case "900" -> "* " + r.last();
            case "NOTE", "WARN", "FAIL", "REGISTER" -> (code.equals("FAIL") ? "! " : "* ") + r.last();
            default -> (code.startsWith("4") || code.startsWith("5") || code.equals("ERROR") ? "! " : "- ") + r.last();
        };
    }
}
