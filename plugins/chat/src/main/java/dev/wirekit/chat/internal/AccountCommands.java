package dev.wirekit.chat.internal;

import dev.wirekit.chat.IrcMessage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * In-band account registration, as the IRCv3 {@code draft/account-registration} specification has
 * it: {@code REGISTER <account> <email> <password>}, where the account is {@code *} or the client's
 * nick and the e-mail is ignored. Allowed before connection registration (the cap value says
 * {@code before-connect}) once NICK was sent, and after it. Answers {@code REGISTER SUCCESS} and logs
 * the client in, or {@code FAIL REGISTER <code>}. Off unless the server allows it; passwords cross
 * plaintext connections only when the server allows that too. One address may create at most
 * {@value #PER_ADDRESS} accounts an hour.
 */
final class AccountCommands {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.chat");
    private static final int PER_ADDRESS = 3;
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final int MAX_ADDRESSES = 10_000;

    private final Network network;
    private final Accounts accounts;
    private final Login login;
    private final Map<String, Deque<Instant>> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    AccountCommands(Network network, Accounts accounts, Login login) {
        this.network = network;
        this.accounts = accounts;
        this.login = login;
    }

    /** True when REGISTER is offered on {@code client}'s connection. */
    boolean enabled(Client client) {
        return network.config.allowRegistration() && (client.secure || network.config.allowPlaintextLogin());
    }

    void register(Client client, IrcMessage message) {
        String requested = message.param(0);
        char[] password = message.param(2).toCharArray();
        try {
            String nick = client.registered ? client.nick : client.pendingNick;
            if (nick == null) {
                fail(client, "NEED_NICK", requested, "Send NICK before REGISTER");
                return;
            }
            if (!requested.equals("*") && !Names.fold(requested).equals(Names.fold(nick))) {
                fail(client, "ACCOUNT_NAME_MUST_BE_NICK", requested, "The account name must be your current nick");
                return;
            }
            if (client.account != null) {
                fail(client, "ALREADY_AUTHENTICATED", nick, "You are already logged in as " + client.account);
                return;
            }
            if (password.length < network.config.minPasswordLength()) {
                fail(
                        client,
                        "WEAK_PASSWORD",
                        nick,
                        "Use a password of at least " + network.config.minPasswordLength() + " characters");
                return;
            }
            if (!allowFrom(client)) {
                fail(
                        client,
                        "TEMPORARILY_UNAVAILABLE",
                        nick,
                        "Too many accounts registered from your address; try later");
                return;
            }
            Client holder = network.lookup(nick);
            if (holder != null && holder != client) {
                fail(client, "ACCOUNT_EXISTS", nick, "That nick is in use");
                return;
            }
            try {
                accounts.store.add(nick, password);
            } catch (IllegalArgumentException e) {
                fail(client, accounts.store.exists(nick) ? "ACCOUNT_EXISTS" : "BAD_ACCOUNT_NAME", nick, e.getMessage());
                return;
            } catch (IOException e) {
                LOG.log(Level.ERROR, "chat: cannot store new account " + nick, e);
                fail(client, "TEMPORARILY_UNAVAILABLE", nick, "The account could not be stored; try later");
                return;
            }
            LOG.log(Level.INFO, () -> "chat: account " + nick + " registered in-band from " + client.host);
            network.send(client, network.fromServer("REGISTER", "SUCCESS", nick, "Account created"));
            login.loggedIn(client, nick);
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    private synchronized boolean allowFrom(Client client) {
        Instant now = network.clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(LoginThrottle.network(client.address), k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
            times.removeFirst();
        }
        if (times.size() >= PER_ADDRESS) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    private void fail(Client client, String code, String account, String why) {
        network.send(client, network.fromServer("FAIL", "REGISTER", code, account, why));
    }
}
