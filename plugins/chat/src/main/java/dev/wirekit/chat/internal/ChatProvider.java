package dev.wirekit.chat.internal;

import dev.wirekit.api.Server;
import dev.wirekit.api.ServerGroup;
import dev.wirekit.chat.ChatServer;
import dev.wirekit.chat.ChatServerConfig;
import dev.wirekit.spi.Deployment;
import dev.wirekit.spi.OptionSpec;
import dev.wirekit.spi.OptionValues;
import dev.wirekit.spi.ServiceProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code wirekit serve chat}: the IRC-compatible chat server, on any transport, with TLS when the CLI
 * is given {@code --tls}.
 */
public final class ChatProvider implements ServiceProvider {
    /** The port {@code serve chat} uses by default: IRC's. */
    public static final int DEFAULT_PORT = 6667;

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public String description() {
        return "IRC-compatible chat: channels, private and offline messages, accounts with SASL login";
    }

    @Override
    public int defaultPort() {
        return DEFAULT_PORT;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.string("server-name", "the server's name in replies", "wirekit.chat"),
                OptionSpec.string("network", "the network's name in the welcome", "Wirekit"),
                OptionSpec.path(
                        "accounts", "the account file (created when the first account is added)", "chat-accounts.txt"),
                OptionSpec.path("mailbox", "the offline-message directory (default: ACCOUNTS.offline)", null),
                OptionSpec.flag("require-login", "every client must log in (SASL or PASS) to connect"),
                OptionSpec.flag(
                        "allow-plaintext-login",
                        "accept passwords (SASL PLAIN, PASS, REGISTER) over connections without TLS"),
                OptionSpec.flag("allow-register", "let clients create accounts in-band with REGISTER"),
                OptionSpec.path("motd", "a text file shown as the message of the day", null),
                OptionSpec.integer("max-channels", "channels one client may be in", 20),
                OptionSpec.integer("nick-length", "the longest nickname", 30),
                OptionSpec.integer("flood-burst", "commands a client may send at once", 20),
                OptionSpec.integer("flood-rate", "commands per second a client may keep sending", 2),
                OptionSpec.integer(
                        "send-queue", "bytes queued for a slow client before it is disconnected", 256 * 1024),
                OptionSpec.integer("offline-max", "offline messages kept per account (0: none)", 100),
                OptionSpec.duration("offline-retention", "how long offline messages are kept", Duration.ofDays(30)),
                OptionSpec.duration(
                        "login-backoff",
                        "the longest one account is locked by failed logins from everywhere",
                        Duration.ofSeconds(15)),
                OptionSpec.duration(
                        "registration-timeout", "time a client has to complete registration", Duration.ofSeconds(60)),
                OptionSpec.duration("ping-interval", "PING clients silent for this long", Duration.ofMinutes(2)),
                OptionSpec.duration(
                        "ping-timeout", "disconnect clients that do not answer a PING", Duration.ofMinutes(1)));
    }

    @Override
    public Deployment create(OptionValues options) {
        ChatServerConfig config = config(options);
        return context -> {
            ChatServer chat = ChatServer.create(config);
            try {
                Server server = chat.listen(context.transport(), context.address(), context.streamOptions());
                return ServerGroup.of(List.of(server), List.of(chat));
            } catch (IOException | RuntimeException e) {
                chat.close();
                throw e;
            }
        };
    }

    /** The configuration the options describe; a bad value is reported naming its option. */
    static ChatServerConfig config(OptionValues o) {
        ChatServerConfig.Builder b = ChatServerConfig.builder();
        option("server-name", () -> b.serverName(o.string("server-name")));
        option("network", () -> b.networkName(o.string("network")));
        b.accountsFile(o.path("accounts"));
        b.mailboxDirectory(o.path("mailbox"));
        b.requireLogin(o.flag("require-login"));
        b.allowPlaintextLogin(o.flag("allow-plaintext-login"));
        b.allowRegistration(o.flag("allow-register"));
        if (o.path("motd") != null) {
            b.motd(motd(o.path("motd")));
        }
        option("max-channels", () -> b.maxChannelsPerUser(o.integer("max-channels")));
        option("nick-length", () -> b.nickLength(o.integer("nick-length")));
        option("flood-burst", () -> b.floodBurst(o.integer("flood-burst")));
        option("flood-rate", () -> b.floodRate(o.integer("flood-rate")));
        option("send-queue", () -> b.sendQueueBytes(o.integer("send-queue")));
        option("offline-max", () -> b.maxOfflineMessages(o.integer("offline-max")));
        option("offline-retention", () -> b.offlineRetention(o.duration("offline-retention")));
        option("login-backoff", () -> b.accountBackoffMax(o.duration("login-backoff")));
        option("registration-timeout", () -> b.registrationTimeout(o.duration("registration-timeout")));
        option("ping-interval", () -> b.pingInterval(o.duration("ping-interval")));
        option("ping-timeout", () -> b.pingTimeout(o.duration("ping-timeout")));
        return b.build();
    }

    private static void option(String name, Runnable set) {
        try {
            set.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option --" + name + ": " + e.getMessage(), e);
        }
    }

    /** The MOTD file's lines, with control characters IRC cannot carry removed. */
    private static List<String> motd(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(line -> line.replaceAll("[\\r\\n\\x00]", ""))
                    .map(line -> line.length() > 400 ? line.substring(0, 400) : line)
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("option --motd: cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
