package dev.wirekit.chat.internal;

import dev.wirekit.chat.IrcMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code MODE #channel ...} change, applied under the write lock: {@code +o/-o nick}
 * (operator), {@code +t/-t} (topic protection), {@code +n/-n} (no external messages). Only channel
 * operators change modes. Asking for the ban, exception or invite lists ({@code b}, {@code e},
 * {@code I} without an argument) answers with an empty list; other letters are unknown (472).
 */
final class ModeChange {
    private final Network network;
    private final Network.Batch batch;
    private final Client client;
    private final String name;
    private final List<String> args;

    ModeChange(Network network, Network.Batch batch, Client client, String name, List<String> args) {
        this.network = network;
        this.batch = batch;
        this.client = client;
        this.name = name;
        this.args = args;
    }

    void apply() {
        Channel channel = network.channels.get(Names.fold(name));
        if (channel == null) {
            batch.numeric(client, Numeric.ERR_NOSUCHCHANNEL, name, "No such channel");
            return;
        }
        String modes = args.get(0);
        if (listQuery(channel, modes)) {
            return;
        }
        if (!channel.isOperator(client)) {
            batch.numeric(client, Numeric.ERR_CHANOPRIVSNEEDED, channel.name, "You're not channel operator");
            return;
        }
        int nextArg = 1;
        boolean add = true;
        StringBuilder applied = new StringBuilder();
        List<String> appliedArgs = new ArrayList<>();
        char lastSign = 0;
        for (char c : modes.toCharArray()) {
            switch (c) {
                case '+', '-' -> add = c == '+';
                case 't', 'n' -> {
                    boolean current = c == 't' ? channel.topicProtected : channel.noExternal;
                    if (current != add) {
                        if (c == 't') {
                            channel.topicProtected = add;
                        } else {
                            channel.noExternal = add;
                        }
                        lastSign = sign(applied, add, lastSign);
                        applied.append(c);
                    }
                }
                case 'o' -> {
                    if (nextArg >= args.size()) {
                        batch.numeric(client, Numeric.ERR_NEEDMOREPARAMS, "MODE", "Not enough parameters");
                        continue;
                    }
                    String nick = args.get(nextArg++);
                    Client member = network.find(nick);
                    if (member == null) {
                        batch.numeric(client, Numeric.ERR_NOSUCHNICK, nick, "No such nick/channel");
                    } else if (!channel.members.containsKey(member)) {
                        batch.numeric(
                                client,
                                Numeric.ERR_USERNOTINCHANNEL,
                                member.nick,
                                channel.name,
                                "They aren't on that channel");
                    } else if (channel.isOperator(member) != add) {
                        channel.members.put(member, add);
                        lastSign = sign(applied, add, lastSign);
                        applied.append('o');
                        appliedArgs.add(member.nick);
                    }
                }
                default ->
                    batch.numeric(client, Numeric.ERR_UNKNOWNMODE, String.valueOf(c), "is unknown mode char to me");
            }
        }
        if (applied.isEmpty()) {
            return;
        }
        List<String> params = new ArrayList<>();
        params.add(channel.name);
        params.add(applied.toString());
        params.addAll(appliedArgs);
        IrcMessage change = new IrcMessage(java.util.Map.of(), client.prefix(), "MODE", params);
        for (Client member : channel.members.keySet()) {
            batch.send(member, change);
        }
    }

    private static char sign(StringBuilder applied, boolean add, char last) {
        char s = add ? '+' : '-';
        if (s != last) {
            applied.append(s);
        }
        return s;
    }

    private boolean listQuery(Channel channel, String modes) {
        String letters = modes.replace("+", "");
        if (args.size() != 1 || letters.length() != 1) {
            return false;
        }
        switch (letters.charAt(0)) {
            case 'b' -> batch.numeric(client, "368", channel.name, "End of channel ban list");
            case 'e' -> batch.numeric(client, "349", channel.name, "End of channel exception list");
            case 'I' -> batch.numeric(client, "347", channel.name, "End of channel invite list");
            default -> {
                return false;
            }
        }
        return true;
    }
}
