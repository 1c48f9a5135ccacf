package dev.wirekit.chat.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A channel: members (with operator status), topic and modes. Membership changes under the
 * network's write lock; messages to members are queued under the read lock while holding this
 * channel's monitor, so every member sees a channel's events in one order.
 */
final class Channel {
    final String name;
    final Instant created;
    /** Members in join order; true for channel operators. */
    final Map<Client, Boolean> members = new LinkedHashMap<>();

    String topic = "";
    String topicBy;
    Instant topicAt;
    /** +t: only operators set the topic. */
    boolean topicProtected = true;
    /** +n: only members send to the channel. */
    boolean noExternal = true;

    Channel(String name, Instant created) {
        this.name = name;
        this.created = created;
    }

    boolean isOperator(Client c) {
        return Boolean.TRUE.equals(members.get(c));
    }

    String modes() {
        return "+" + (noExternal ? "n" : "") + (topicProtected ? "t" : "");
    }

    /** The name as members see it: {@code @nick} for operators. */
    String decorated(Client c) {
        return (isOperator(c) ? "@" : "") + c.nick;
    }
}
