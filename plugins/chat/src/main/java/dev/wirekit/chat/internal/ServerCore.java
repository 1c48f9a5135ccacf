package dev.wirekit.chat.internal;

import dev.wirekit.api.Service;
import dev.wirekit.chat.AccountStore;
import dev.wirekit.chat.ChatServerConfig;
import dev.wirekit.chat.IrcMessage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** What a {@link dev.wirekit.chat.ChatServer} is made of: the service, its state, and the timeout timer. */
public final class ServerCore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.chat");

    private final ChatServerConfig config;
    private final Network network;
    private final Accounts accounts;
    private final ChatService service;
    private final ScheduledExecutorService timer;

    private ServerCore(ChatServerConfig config, Accounts accounts) {
        this.config = config;
        this.network = new Network(config);
        this.accounts = accounts;
        this.service = new ChatService(network, accounts);
        if (config.sweepInterval().isZero()) {
            this.timer = null;
        } else {
            this.timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("wirekit-chat-timer").daemon().factory());
            long every = config.sweepInterval().toMillis();
            timer.scheduleWithFixedDelay(this::sweepSafely, every, every, TimeUnit.MILLISECONDS);
        }
    }

    public static ServerCore create(ChatServerConfig config) throws IOException {
        AccountStore store = config.accountsFile() == null
                ? AccountStore.inMemory(config.passwordHashing())
                : AccountStore.open(config.accountsFile(), config.passwordHashing());
        Mailbox mailbox = new Mailbox(
                config.mailboxDirectory(), config.maxOfflineMessages(), config.offlineRetention(), config.clock());
        LoginThrottle throttle = new LoginThrottle(
                config.loginFreeFailures(), config.accountBackoffMax(), config.addressBackoffMax(), config.clock());
        return new ServerCore(config, new Accounts(store, mailbox, throttle));
    }

    public Service<IrcMessage> service() {
        return service;
    }

    public AccountStore accounts() {
        return accounts.store;
    }

    public ChatServerConfig config() {
        return config;
    }

    public int connections() {
        return network.connected.size();
    }

    public int users() {
        return (int) network.connected.stream().filter(c -> c.registered).count();
    }

    public int channels() {
        int[] n = {0};
        network.read(batch -> n[0] = network.channels.size());
        return n[0];
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "chat: the timeout sweep failed", e);
        }
    }

    /** Registration timeouts, ping timeouts, and PINGs to silent clients. */
    public void sweep() {
        Instant now = network.clock.instant();
        for (Client c : network.connected) {
            if (c.outputClosed.get()) {
                continue;
            }
            Instant pinged = c.pingSent;
            if (!c.registered && now.isAfter(c.connected.plus(config.registrationTimeout()))) {
                LOG.log(Level.INFO, () -> "chat: disconnecting " + c + ": registration timed out");
                service.disconnect(c, "Registration timed out");
            } else if (pinged != null && now.isAfter(pinged.plus(config.pingTimeout()))) {
                LOG.log(Level.INFO, () -> "chat: disconnecting " + c + ": ping timeout");
                service.disconnect(c, "Ping timeout: " + config.pingTimeout().toSeconds() + " seconds");
            } else if (pinged == null && c.registered && now.isAfter(c.lastActive.plus(config.pingInterval()))) {
                c.pingSent = now;
                network.send(c, IrcMessage.of("PING", network.server));
            }
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
