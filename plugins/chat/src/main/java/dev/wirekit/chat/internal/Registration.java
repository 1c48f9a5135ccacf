package dev.wirekit.chat.internal;

import dev.wirekit.chat.IrcMessage;
import java.lang.System.Logger.Level;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Connection registration and the session commands: {@code CAP}, {@code PASS}, {@code NICK},
 * {@code USER}, {@code PING}, {@code PONG}, {@code QUIT}, and the welcome burst (001-005, MOTD).
 *
 * <p>Registration completes once NICK and USER have been given and capability negotiation (if
 * started with {@code CAP LS} or {@code CAP REQ}) has ended with {@code CAP END}. At that point a
 * {@code PASS} password logs in, login is enforced when required, and the nick is checked against
 * the nicks in use and the registered accounts: a registered nick is reserved for its owner.
 */
final class Registration {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.chat");
    static final String VERSION = "wirekit-chat-"
            + java.util.Objects.requireNonNullElse(
                    Registration.class.getPackage().getImplementationVersion(), "dev");

    private final Network network;
    private final Accounts accounts;
    private final Login login;
    private final Sasl sasl;

    Registration(Network network, Accounts accounts, Login login, Sasl sasl) {
        this.network = network;
        this.accounts = accounts;
        this.login = login;
        this.sasl = sasl;
    }

    // ---- CAP ----------------------------------------------------------------------------------

    void cap(Client client, IrcMessage message) {
        String sub = message.param(0).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "LS" -> {
                if (!client.registered) {
                    client.capNegotiating = true;
                }
                boolean v302 = isAtLeast302(message.param(1));
                capReply(client, "LS", String.join(" ", Capabilities.offered(network, client, v302)));
            }
            case "LIST" -> capReply(client, "LIST", String.join(" ", client.caps));
            case "REQ" -> {
                if (!client.registered) {
                    client.capNegotiating = true;
                }
                request(client, message.param(1) == null ? "" : message.param(1));
            }
            case "END" -> {
                if (!client.registered && client.capNegotiating) {
                    client.capNegotiating = false;
                    sasl.abandon(client);
                    tryComplete(client);
                }
            }
            default -> network.reply(client, Numeric.ERR_INVALIDCAPCMD, message.param(0), "Invalid CAP subcommand");
        }
    }

    private static boolean isAtLeast302(String version) {
        try {
            return version != null && Integer.parseInt(version) >= 302;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void request(Client client, String list) {
        Set<String> offered = new LinkedHashSet<>();
        Capabilities.offered(network, client, false).forEach(c -> offered.add(Capabilities.name(c)));
        Set<String> caps = new LinkedHashSet<>(client.caps);
        for (String token : list.trim().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            boolean remove = token.startsWith("-");
            String name = remove ? token.substring(1) : token;
            if (!offered.contains(name)) {
                capReply(client, "NAK", list);
                return;
            }
            if (remove) {
                caps.remove(name);
            } else {
                caps.add(name);
            }
        }
        client.caps = java.util.Collections.unmodifiableSet(caps);
        capReply(client, "ACK", list);
    }

    private void capReply(Client client, String sub, String text) {
        network.send(client, network.fromServer("CAP", client.target(), sub, text));
    }

    // ---- PASS, NICK, USER ---------------------------------------------------------------------

    void pass(Client client, IrcMessage message) {
        if (client.registered) {
            network.reply(client, Numeric.ERR_ALREADYREGISTERED, "You may not reregister");
            return;
        }
        PasswordHasher.wipe(client.pass);
        client.pass = message.last().toCharArray();
    }

    void nick(Client client, IrcMessage message) {
        String wanted = message.param(0);
        if (wanted == null || wanted.isEmpty()) {
            network.reply(client, Numeric.ERR_NONICKNAMEGIVEN, "No nickname given");
            return;
        }
        if (!Names.isNick(wanted, network.config.nickLength())) {
            network.reply(client, Numeric.ERR_ERRONEUSNICKNAME, wanted, "Erroneous nickname");
            return;
        }
        if (!client.registered) {
            Client holder = holderOf(wanted);
            if (holder != null && holder != client) {
                network.reply(client, Numeric.ERR_NICKNAMEINUSE, wanted, "Nickname is already in use");
                return;
            }
            client.pendingNick = wanted;
            tryComplete(client);
            return;
        }
        changeNick(client, wanted);
    }

    private Client holderOf(String nick) {
        return network.lookup(nick);
    }

    private void changeNick(Client client, String wanted) {
        if (reservedForOther(client, wanted)) {
            network.reply(
                    client,
                    Numeric.ERR_NICKNAMEINUSE,
                    wanted,
                    "Nickname is registered to an account; log in to use it");
            return;
        }
        network.write(batch -> {
            Client holder = network.find(wanted);
            if (holder != null && holder != client) {
                batch.numeric(client, Numeric.ERR_NICKNAMEINUSE, wanted, "Nickname is already in use");
                return;
            }
            if (wanted.equals(client.nick)) {
                return;
            }
            IrcMessage change = IrcMessage.from(client.prefix(), "NICK", wanted);
            Set<Client> told = new LinkedHashSet<>();
            told.add(client);
            for (Channel channel : client.channels) {
                told.addAll(channel.members.keySet());
            }
            network.nicks.remove(Names.fold(client.nick), client);
            client.nick = wanted;
            network.nicks.put(Names.fold(wanted), client);
            told.forEach(c -> batch.send(c, change));
        });
    }

    private boolean reservedForOther(Client client, String nick) {
        if (!accounts.store.exists(nick)) {
            return false;
        }
        return client.account == null || !Names.fold(client.account).equals(Names.fold(nick));
    }

    void user(Client client, IrcMessage message) {
        if (client.registered || client.user != null) {
            network.reply(client, Numeric.ERR_ALREADYREGISTERED, "You may not reregister");
            return;
        }
        client.user = sanitiseUser(message.param(0));
        client.realName = message.param(3);
        tryComplete(client);
    }

    /** A user name safe to show in {@code nick!user@host}: letters, digits, '.', '_', '-', at most 10. */
    static String sanitiseUser(String given) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < given.length() && b.length() < 10; i++) {
            char c = given.charAt(i);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-') {
                b.append(c);
            }
        }
        return b.isEmpty() ? "user" : b.toString();
    }

    // ---- PING, PONG, QUIT ---------------------------------------------------------------------

    void ping(Client client, IrcMessage message) {
        if (message.params().isEmpty() || message.param(0).isEmpty()) {
            network.reply(client, "409", "No origin specified");
            return;
        }
        network.send(client, network.fromServer("PONG", network.server, message.param(0)));
    }

    void pong(Client client, IrcMessage message) {
        client.pingSent = null;
    }

    void quit(Client client, IrcMessage message) {
        String text = message.param(0);
        String reason = text == null || text.isEmpty() ? "Client Quit" : "Quit: " + text;
        leave(client, reason);
    }

    /** Says goodbye with an ERROR line and takes {@code client} off the network. */
    void leave(Client client, String reason) {
        client.quitReason = reason;
        network.quit(client, reason);
        client.closeWith(IrcMessage.of("ERROR", "Closing Link: " + client.host + " (" + reason + ")"));
    }

    // ---- completion ---------------------------------------------------------------------------

    /** Completes registration when NICK, USER and CAP negotiation are done. */
    void tryComplete(Client client) {
        if (client.registered
                || client.pendingNick == null
                || client.user == null
                || client.capNegotiating
                || client.outputClosed.get()) {
            return;
        }
        if (client.pass != null && client.account == null) {
            char[] pass = client.pass;
            client.pass = null;
            if (!passLogin(client, pass)) {
                return;
            }
        }
        if (client.account == null && network.config.requireLogin()) {
            network.reply(client, Numeric.ERR_PASSWDMISMATCH, "This server requires you to log in (SASL or PASS)");
            leave(client, "Login required");
            return;
        }
        String nick = client.pendingNick;
        if (reservedForOther(client, nick)) {
            network.reply(
                    client,
                    Numeric.ERR_NICKNAMEINUSE,
                    nick,
                    "Nickname is registered to an account; log in to use it, or choose another");
            return;
        }
        boolean[] claimed = {false};
        network.write(batch -> {
            Client holder = network.find(nick);
            if (holder != null && holder != client) {
                batch.numeric(client, Numeric.ERR_NICKNAMEINUSE, nick, "Nickname is already in use");
                return;
            }
            if (client.left.get()) {
                return;
            }
            client.nick = nick;
            network.nicks.put(Names.fold(nick), client);
            client.registered = true;
            claimed[0] = true;
        });
        if (!claimed[0]) {
            return;
        }
        client.pendingNick = null;
        LOG.log(
                Level.DEBUG,
                () -> "chat: " + client + " registered"
                        + (client.account == null ? "" : " as account " + client.account));
        welcome(client);
        login.deliverMail(client);
    }

    /** PASS as a login: {@code PASS account:password}, or {@code PASS password} for the account named like the nick. */
    private boolean passLogin(Client client, char[] pass) {
        String text = new String(pass);
        int colon = text.indexOf(':');
        String account;
        char[] password;
        if (colon > 0 && Names.isNick(text.substring(0, colon), dev.wirekit.chat.AccountStore.MAX_NAME)) {
            account = text.substring(0, colon);
            password = text.substring(colon + 1).toCharArray();
        } else {
            account = client.pendingNick;
            password = pass.clone();
        }
        PasswordHasher.wipe(pass);
        if (!accounts.store.exists(account) && !network.config.requireLogin() && colon <= 0) {
            PasswordHasher.wipe(password);
            return true; // a PASS for no account (a bouncer's, say) is ignored when login is optional
        }
        Login.Outcome outcome = login.password(client, account, password);
        if (outcome.result() == Login.Result.OK) {
            login.loggedIn(client, outcome.account());
            return true;
        }
        network.reply(client, Numeric.ERR_PASSWDMISMATCH, outcome.reason());
        leave(client, "Bad password");
        return false;
    }

    private void welcome(Client client) {
        String nick = client.nick;
        network.reply(
                client,
                Numeric.RPL_WELCOME,
                "Welcome to the " + network.config.networkName() + " IRC Network " + client.prefix());
        network.reply(client, Numeric.RPL_YOURHOST, "Your host is " + network.server + ", running version " + VERSION);
        network.reply(
                client,
                Numeric.RPL_CREATED,
                "This server was created "
                        + DateTimeFormatter.RFC_1123_DATE_TIME.format(network.started.atOffset(ZoneOffset.UTC)));
        network.reply(client, Numeric.RPL_MYINFO, network.server, VERSION, "i", "nt", "o");
        List<String> tokens = isupport();
        for (int i = 0; i < tokens.size(); i += 12) {
            List<String> params = new ArrayList<>(tokens.subList(i, Math.min(tokens.size(), i + 12)));
            params.add("are supported by this server");
            network.reply(client, Numeric.RPL_ISUPPORT, params.toArray(String[]::new));
        }
        motd(client);
        LOG.log(Level.TRACE, () -> "chat: welcomed " + nick);
    }

    private List<String> isupport() {
        var c = network.config;
        return List.of(
                "AWAYLEN=200",
                "CASEMAPPING=ascii",
                "CHANLIMIT=#:" + c.maxChannelsPerUser(),
                "CHANMODES=,,,nt",
                "CHANNELLEN=" + c.channelLength(),
                "CHANTYPES=#",
                "MAXTARGETS=" + c.maxTargets(),
                "MODES=4",
                "NETWORK=" + c.networkName(),
                "NICKLEN=" + c.nickLength(),
                "PREFIX=(o)@",
                "TARGMAX=PRIVMSG:" + c.maxTargets() + ",NOTICE:" + c.maxTargets() + ",JOIN:,PART:,NAMES:,LIST:,WHOIS:1",
                "TOPICLEN=" + c.topicLength(),
                "USERLEN=10",
                "UTF8ONLY");
    }

    /** {@code MOTD}: the message of the day, or 422 when there is none. */
    void motd(Client client) {
        List<String> lines = network.config.motd();
        if (lines.isEmpty()) {
            network.reply(client, Numeric.ERR_NOMOTD, "MOTD File is missing");
            return;
        }
        network.reply(client, Numeric.RPL_MOTDSTART, "- " + network.server + " Message of the day - ");
        for (String line : lines) {
            network.reply(client, Numeric.RPL_MOTD, "- " + line);
        }
        network.reply(client, Numeric.RPL_ENDOFMOTD, "End of /MOTD command.");
    }
}
