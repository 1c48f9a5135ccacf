package dev.wirekit.chat.internal;

import dev.wirekit.chat.IrcMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** {@code JOIN}, {@code PART}, {@code NAMES}, {@code TOPIC} and {@code LIST}. */
final class ChannelCommands {
    private final Network network;

    ChannelCommands(Network network) {
        this.network = network;
    }

    static List<String> split(String list) {
        List<String> items = new ArrayList<>();
        for (String item : new LinkedHashSet<>(List.of(list.split(",")))) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }

    void join(Client client, IrcMessage message) {
        if (message.param(0).equals("0")) {
            partAll(client);
            return;
        }
        for (String name : split(message.param(0))) {
            if (!Names.isChannel(name, network.config.channelLength())) {
                network.reply(client, Numeric.ERR_BADCHANMASK, name, "Bad Channel Mask");
                continue;
            }
            network.write(batch -> join(batch, client, name));
        }
    }

    private void join(Network.Batch batch, Client client, String name) {
        String key = Names.fold(name);
        Channel channel = network.channels.get(key);
        if (channel != null && channel.members.containsKey(client)) {
            return;
        }
        if (client.channels.size() >= network.config.maxChannelsPerUser()) {
            batch.numeric(client, Numeric.ERR_TOOMANYCHANNELS, name, "You have joined too many channels");
            return;
        }
        boolean created = channel == null;
        if (created) {
            channel = new Channel(name, network.clock.instant());
            network.channels.put(key, channel);
        }
        channel.members.put(client, created);
        client.channels.add(channel);
        IrcMessage join = IrcMessage.from(client.prefix(), "JOIN", channel.name);
        for (Client member : channel.members.keySet()) {
            batch.send(member, join);
        }
        if (!channel.topic.isEmpty()) {
            topicReplies(batch, client, channel);
        }
        names(batch, client, channel);
    }

    private void partAll(Client client) {
        network.write(batch -> {
            for (Channel channel : List.copyOf(client.channels)) {
                leave(batch, client, channel, IrcMessage.from(client.prefix(), "PART", channel.name));
            }
        });
    }

    void part(Client client, IrcMessage message) {
        String reason = message.param(1);
        network.write(batch -> {
            for (String name : split(message.param(0))) {
                Channel channel = network.channels.get(Names.fold(name));
                if (channel == null) {
                    batch.numeric(client, Numeric.ERR_NOSUCHCHANNEL, name, "No such channel");
                } else if (!channel.members.containsKey(client)) {
                    batch.numeric(client, Numeric.ERR_NOTONCHANNEL, name, "You're not on that channel");
                } else {
                    IrcMessage part = reason == null || reason.isEmpty()
                            ? IrcMessage.from(client.prefix(), "PART", channel.name)
                            : Network.fit(IrcMessage.from(client.prefix(), "PART", channel.name, reason));
                    leave(batch, client, channel, part);
                }
            }
        });
    }

    private void leave(Network.Batch batch, Client client, Channel channel, IrcMessage part) {
        for (Client member : channel.members.keySet()) {
            batch.send(member, part);
        }
        channel.members.remove(client);
        client.channels.remove(channel);
        if (channel.members.isEmpty()) {
            network.channels.remove(Names.fold(channel.name));
        }
    }

    void names(Client client, IrcMessage message) {
        String list = message.param(0);
        network.read(batch -> {
            if (list == null) {
                batch.numeric(client, Numeric.RPL_ENDOFNAMES, "*", "End of /NAMES list");
                return;
            }
            for (String name : split(list)) {
                Channel channel = network.channels.get(Names.fold(name));
                if (channel == null) {
                    batch.numeric(client, Numeric.RPL_ENDOFNAMES, name, "End of /NAMES list");
                } else {
                    synchronized (channel) {
                        names(batch, client, channel);
                    }
                }
            }
        });
    }

    /** 353 lines, as many as the names need, then 366. */
    private void names(Network.Batch batch, Client client, Channel channel) {
        int room = 510 - (network.server.length() + client.target().length() + channel.name.length() + 20);
        StringBuilder line = new StringBuilder();
        for (Client member : channel.members.keySet()) {
            String name = channel.decorated(member);
            if (!line.isEmpty() && line.length() + 1 + name.length() > room) {
                batch.numeric(client, Numeric.RPL_NAMREPLY, "=", channel.name, line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(name);
        }
        if (!line.isEmpty()) {
            batch.numeric(client, Numeric.RPL_NAMREPLY, "=", channel.name, line.toString());
        }
        batch.numeric(client, Numeric.RPL_ENDOFNAMES, channel.name, "End of /NAMES list");
    }

    void topic(Client client, IrcMessage message) {
        String name = message.param(0);
        String text = message.param(1);
        if (text == null) {
            network.read(batch -> {
                Channel channel = network.channels.get(Names.fold(name));
                if (channel == null) {
                    batch.numeric(client, Numeric.ERR_NOSUCHCHANNEL, name, "No such channel");
                    return;
                }
                synchronized (channel) {
                    if (channel.topic.isEmpty()) {
                        batch.numeric(client, Numeric.RPL_NOTOPIC, channel.name, "No topic is set");
                    } else {
                        topicReplies(batch, client, channel);
                    }
                }
            });
            return;
        }
        String topic =
                text.length() > network.config.topicLength() ? text.substring(0, network.config.topicLength()) : text;
        network.write(batch -> {
            Channel channel = network.channels.get(Names.fold(name));
            if (channel == null) {
                batch.numeric(client, Numeric.ERR_NOSUCHCHANNEL, name, "No such channel");
            } else if (!channel.members.containsKey(client)) {
                batch.numeric(client, Numeric.ERR_NOTONCHANNEL, channel.name, "You're not on that channel");
            } else if (channel.topicProtected && !channel.isOperator(client)) {
                batch.numeric(client, Numeric.ERR_CHANOPRIVSNEEDED, channel.name, "You're not channel operator");
            } else {
                channel.topic = topic;
                channel.topicBy = client.prefix();
                channel.topicAt = network.clock.instant();
                IrcMessage change = Network.fit(IrcMessage.from(client.prefix(), "TOPIC", channel.name, topic));
                for (Client member : channel.members.keySet()) {
                    batch.send(member, change);
                }
            }
        });
    }

    private void topicReplies(Network.Batch batch, Client client, Channel channel) {
        batch.numeric(client, Numeric.RPL_TOPIC, channel.name, channel.topic);
        batch.numeric(
                client,
                Numeric.RPL_TOPICWHOTIME,
                channel.name,
                channel.topicBy,
                Long.toString(channel.topicAt.getEpochSecond()));
    }

    void list(Client client, IrcMessage message) {
        String filter = message.param(0);
        network.read(batch -> {
            List<Channel> shown = new ArrayList<>();
            if (filter == null || filter.isEmpty()) {
                shown.addAll(network.channels.values());
            } else {
                for (String name : split(filter)) {
                    Channel c = network.channels.get(Names.fold(name));
                    if (c != null) {
                        shown.add(c);
                    }
                }
            }
            for (Channel channel : shown) {
                synchronized (channel) {
                    batch.numeric(
                            client,
                            Numeric.RPL_LIST,
                            channel.name,
                            Integer.toString(channel.members.size()),
                            channel.topic);
                }
            }
            batch.numeric(client, Numeric.RPL_LISTEND, "End of /LIST");
        });
    }

    /** Whether {@code client} shares a channel with {@code other}. */
    static boolean sharesChannel(Client client, Client other) {
        for (Channel c : client.channels) {
            if (c.members.containsKey(other)) {
                return true;
            }
        }
        return false;
    }
}
