package dev.wirekit.chat.internal;

import dev.wirekit.chat.IrcMessage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Password logins (SASL PLAIN, PASS, and the login after REGISTER), the throttle in front of them,
 * and what follows a login: {@code 900 RPL_LOGGEDIN} and the delivery of offline messages.
 */
final class Login {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.chat");

    /** How a password login ended. */
    enum Result {
        OK,
        FAILED,
        THROTTLED,
        INSECURE
    }

    /** The result, the account's registered name when it succeeded, and the wait when throttled. */
    record Outcome(Result result, String account, Duration retryAfter) {
        /** Text for the client: why the login failed. */
        String reason() {
            return switch (result) {
                case OK -> "Logged in";
                case FAILED -> "Invalid account name or password";
                case THROTTLED -> "Too many failed logins; try again in " + Math.max(1, retryAfter.toSeconds()) + " s";
                case INSECURE -> "Password logins need a TLS connection on this server";
            };
        }
    }

    private final Network network;
    private final Accounts accounts;

    Login(Network network, Accounts accounts) {
        this.network = network;
        this.accounts = accounts;
    }

    /** Checks {@code password} for {@code account}, through the throttle; wipes the password. */
    Outcome password(Client client, String account, char[] password) {
        try {
            if (!client.secure && !network.config.allowPlaintextLogin()) {
                return new Outcome(Result.INSECURE, null, Duration.ZERO);
            }
            if (!Names.isNick(account, dev.wirekit.chat.AccountStore.MAX_NAME)) {
                accounts.throttle.failed(account.isEmpty() ? "-" : account, client.address);
                return new Outcome(Result.FAILED, null, Duration.ZERO);
            }
            Duration wait = accounts.throttle.wait(account, client.address);
            if (!wait.isZero()) {
                LOG.log(
                        Level.INFO,
                        () -> "chat: login for account " + account + " from " + client.host + " refused: throttled for "
                                + wait.toSeconds() + " s more");
                return new Outcome(Result.THROTTLED, null, wait);
            }
            if (accounts.store.verify(account, password)) {
                accounts.throttle.succeeded(account, client.address);
                return new Outcome(
                        Result.OK, accounts.store.canonicalName(account).orElse(account), Duration.ZERO);
            }
            accounts.throttle.failed(account, client.address);
            LOG.log(Level.INFO, () -> "chat: failed login for account " + account + " from " + client.host);
            return new Outcome(Result.FAILED, null, Duration.ZERO);
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    /** {@code client} is now logged in to {@code account}: tell it, and deliver its mail if registered. */
    void loggedIn(Client client, String account) {
        client.account = account;
        String nick = client.target();
        String mask = nick + "!" + (client.user == null ? "*" : client.user) + "@" + client.host;
        network.reply(client, Numeric.RPL_LOGGEDIN, mask, account, "You are now logged in as " + account);
        LOG.log(Level.DEBUG, () -> "chat: " + client + " logged in as " + account);
        if (client.registered) {
            deliverMail(client);
        }
    }

    /** Delivers the messages that waited for the client's account, then tells their senders. */
    void deliverMail(Client client) {
        String account = client.account;
        if (account == null) {
            return;
        }
        List<Mailbox.Letter> letters;
        try {
            letters = accounts.mailbox.pending(account);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "chat: cannot read the offline messages of " + account, e);
            network.send(client, network.fromServer("NOTICE", client.nick, "Your offline messages cannot be read now"));
            return;
        }
        if (letters.isEmpty()) {
            return;
        }
        network.send(
                client,
                network.fromServer(
                        "NOTICE",
                        client.nick,
                        letters.size() + " message" + (letters.size() == 1 ? "" : "s")
                                + " arrived while you were away (since "
                                + Network.time(letters.get(0).time()) + "):"));
        Map<String, Integer> perSender = new LinkedHashMap<>();
        for (Mailbox.Letter letter : letters) {
            IrcMessage m = Network.fit(IrcMessage.from(letter.source(), letter.command(), client.nick, letter.text()));
            if (client.has(Capabilities.SERVER_TIME)) {
                m = m.withTag("time", Network.time(letter.time()));
            }
            network.send(client, m);
            if (letter.command().equals("PRIVMSG")) {
                perSender.merge(letter.source().split("!", 2)[0], 1, Integer::sum);
            }
        }
        try {
            accounts.mailbox.remove(account, letters.size());
        } catch (IOException e) {
            LOG.log(Level.ERROR, "chat: delivered offline messages of " + account + " but cannot remove them", e);
        }
        LOG.log(Level.DEBUG, () -> "chat: delivered " + letters.size() + " offline messages to " + account);
        network.read(batch -> perSender.forEach((nick, n) -> {
            Client sender = network.find(nick);
            if (sender != null) {
                batch.send(
                        sender,
                        network.fromServer(
                                "NOTE",
                                "PRIVMSG",
                                "DELIVERED",
                                client.nick,
                                "Your " + n + " queued message"
                                        + (n == 1 ? " to " + client.nick + " was" : "s to " + client.nick + " were")
                                        + " delivered"));
            }
        }));
    }
}
