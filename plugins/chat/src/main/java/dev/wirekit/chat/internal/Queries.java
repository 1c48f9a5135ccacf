package dev.wirekit.chat.internal;

import dev.wirekit.chat.IrcMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code WHO}, {@code WHOIS} and {@code MODE}. */
final class Queries {
    private final Network network;

    Queries(Network network) {
        this.network = network;
    }

    void who(Client client, IrcMessage message) {
        String mask = message.param(0) == null ? "*" : message.param(0);
        network.read(batch -> {
            if (mask.startsWith("#")) {
                Channel channel = network.channels.get(Names.fold(mask));
                if (channel != null) {
                    synchronized (channel) {
                        for (Client member : channel.members.keySet()) {
                            whoReply(batch, client, member, channel);
                        }
                    }
                }
            } else {
                Pattern glob = glob(mask);
                for (Client other : network.nicks.values()) {
                    boolean visible =
                            !other.invisible || other == client || ChannelCommands.sharesChannel(client, other);
                    if (visible && glob.matcher(Names.fold(other.nick)).matches()) {
                        whoReply(batch, client, other, null);
                    }
                }
            }
            batch.numeric(client, Numeric.RPL_ENDOFWHO, mask, "End of /WHO list");
        });
    }

    private void whoReply(Network.Batch batch, Client to, Client who, Channel channel) {
        String flags = (who.away == null ? "H" : "G") + (channel != null && channel.isOperator(who) ? "@" : "");
        batch.numeric(
                to,
                Numeric.RPL_WHOREPLY,
                channel == null ? "*" : channel.name,
                who.user,
                who.host,
                network.server,
                who.nick,
                flags,
                "0 " + (who.realName == null || who.realName.isEmpty() ? who.nick : who.realName));
    }

    /** A case-insensitive glob ({@code *} and {@code ?}) over folded names. */
    static Pattern glob(String mask) {
        StringBuilder regex = new StringBuilder();
        for (char c : Names.fold(mask).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    void whois(Client client, IrcMessage message) {
        String nick = message.params().size() > 1 ? message.param(1) : message.param(0);
        network.read(batch -> {
            Client who = network.find(nick);
            if (who == null) {
                batch.numeric(client, Numeric.ERR_NOSUCHNICK, nick, "No such nick/channel");
                batch.numeric(client, Numeric.RPL_ENDOFWHOIS, nick, "End of /WHOIS list");
                return;
            }
            batch.numeric(
                    client,
                    Numeric.RPL_WHOISUSER,
                    who.nick,
                    who.user,
                    who.host,
                    "*",
                    who.realName == null || who.realName.isEmpty() ? who.nick : who.realName);
            List<String> chans = new ArrayList<>();
            for (Channel c : who.channels) {
                chans.add((c.isOperator(who) ? "@" : "") + c.name);
            }
            if (!chans.isEmpty()) {
                batch.numeric(client, Numeric.RPL_WHOISCHANNELS, who.nick, String.join(" ", chans));
            }
            batch.numeric(client, Numeric.RPL_WHOISSERVER, who.nick, network.server, network.config.networkName());
            if (who.secure) {
                batch.numeric(client, Numeric.RPL_WHOISSECURE, who.nick, "is using a secure connection");
            }
            if (who.account != null) {
                batch.numeric(client, Numeric.RPL_WHOISACCOUNT, who.nick, who.account, "is logged in as");
            }
            batch.numeric(client, Numeric.RPL_ENDOFWHOIS, who.nick, "End of /WHOIS list");
        });
    }

    void mode(Client client, IrcMessage message) {
        String target = message.param(0);
        if (target.startsWith("#")) {
            channelMode(
                    client, target, message.params().subList(1, message.params().size()));
        } else {
            userMode(client, target, message.param(1));
        }
    }

    private void userMode(Client client, String target, String change) {
        if (!Names.fold(target).equals(Names.fold(client.nick))) {
            network.reply(client, Numeric.ERR_USERSDONTMATCH, "Cant change mode for other users");
            return;
        }
        if (change == null) {
            network.reply(client, Numeric.RPL_UMODEIS, client.invisible ? "+i" : "+");
            return;
        }
        boolean add = true;
        StringBuilder applied = new StringBuilder();
        boolean unknown = false;
        for (char c : change.toCharArray()) {
            if (c == '+' || c == '-') {
                add = c == '+';
            } else if (c == 'i') {
                if (client.invisible != add) {
                    client.invisible = add;
                    applied.append(add ? '+' : '-').append('i');
                }
            } else {
                unknown = true;
            }
        }
        if (unknown) {
            network.reply(client, Numeric.ERR_UMODEUNKNOWNFLAG, "Unknown MODE flag");
        }
        if (!applied.isEmpty()) {
            network.send(client, IrcMessage.from(client.nick, "MODE", client.nick, applied.toString()));
        }
    }

    private void channelMode(Client client, String name, List<String> args) {
        if (args.isEmpty()) {
            network.read(batch -> {
                Channel channel = network.channels.get(Names.fold(name));
                if (channel == null) {
                    batch.numeric(client, Numeric.ERR_NOSUCHCHANNEL, name, "No such channel");
                    return;
                }
                synchronized (channel) {
                    batch.numeric(client, Numeric.RPL_CHANNELMODEIS, channel.name, channel.modes());
                    batch.numeric(
                            client,
                            Numeric.RPL_CREATIONTIME,
                            channel.name,
                            Long.toString(channel.created.getEpochSecond()));
                }
            });
            return;
        }
        network.write(batch -> new ModeChange(network, batch, client, name, args).apply());
    }

    void ison(Client client, IrcMessage message) {
        List<String> online = new ArrayList<>();
        network.read(batch -> {
            for (String param : message.params()) {
                for (String nick : param.split(" ")) {
                    Client c = nick.isEmpty() ? null : network.find(nick);
                    if (c != null) {
                        online.add(c.nick);
                    }
                }
            }
            batch.numeric(client, "303", String.join(" ", online));
        });
    }

    void userhost(Client client, IrcMessage message) {
        List<String> replies = new ArrayList<>();
        network.read(batch -> {
            for (String nick :
                    message.params().subList(0, Math.min(5, message.params().size()))) {
                Client c = network.find(nick);
                if (c != null) {
                    replies.add(c.nick + "=" + (c.away == null ? "+" : "-") + c.user + "@" + c.host);
                }
            }
            batch.numeric(client, "302", String.join(" ", replies));
        });
    }

    void away(Client client, IrcMessage message) {
        String text = message.param(0);
        if (text == null || text.isEmpty()) {
            client.away = null;
            network.reply(client, "305", "You are no longer marked as being away");
        } else {
            client.away = text.length() > 200 ? text.substring(0, 200) : text;
            network.reply(client, "306", "You have been marked as being away");
        }
    }
}
