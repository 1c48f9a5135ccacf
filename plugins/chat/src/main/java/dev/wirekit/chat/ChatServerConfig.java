package dev.wirekit.chat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link ChatServer} behaves: names, where accounts and offline messages are kept, login policy
 * and limits. Immutable; every value has a safe default.
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>setting</th><th>default</th><th>what it is</th></tr>
 * <tr><td>serverName / networkName</td><td>{@code wirekit.chat} / {@code Wirekit}</td><td>shown in replies and the welcome</td></tr>
 * <tr><td>accountsFile</td><td>none (accounts in memory)</td><td>the account store, written atomically</td></tr>
 * <tr><td>mailboxDirectory</td><td>{@code ACCOUNTS.offline} beside the accounts file</td><td>offline messages, one file per account</td></tr>
 * <tr><td>requireLogin</td><td>false</td><td>every client must log in (SASL, PASS) to register</td></tr>
 * <tr><td>allowPlaintextLogin</td><td>false</td><td>passwords (SASL PLAIN, PASS, REGISTER) accepted without TLS</td></tr>
 * <tr><td>allowRegistration</td><td>false</td><td>in-band account creation with {@code REGISTER}</td></tr>
 * <tr><td>nickLength / channelLength / topicLength</td><td>30 / 50 / 390</td><td>name and topic limits</td></tr>
 * <tr><td>maxChannelsPerUser / maxTargets</td><td>20 / 4</td><td>channels one client may join; targets of one PRIVMSG</td></tr>
 * <tr><td>floodBurst / floodRate</td><td>20 / 2 per s</td><td>per-client command token bucket</td></tr>
 * <tr><td>sendQueueBytes</td><td>256 KiB</td><td>unsent bytes per client before it is disconnected</td></tr>
 * <tr><td>maxOfflineMessages / offlineRetention</td><td>100 / 30 days</td><td>per-account mailbox bound and age limit</td></tr>
 * <tr><td>loginFreeFailures</td><td>3</td><td>failures before back-off starts</td></tr>
 * <tr><td>accountBackoffMax</td><td>15 s</td><td>the longest an account is locked by failures from everywhere</td></tr>
 * <tr><td>addressBackoffMax</td><td>15 min</td><td>the longest one address is locked by its own failures</td></tr>
 * <tr><td>registrationTimeout</td><td>60 s</td><td>time to complete NICK/USER/CAP/SASL</td></tr>
 * <tr><td>pingInterval / pingTimeout</td><td>2 min / 1 min</td><td>server PING to silent clients, and how long a PONG may take</td></tr>
 * <tr><td>passwordHashing</td><td>{@link PasswordHashing#OWASP}</td><td>Argon2id cost for new passwords</td></tr>
 * <tr><td>clock</td><td>the system clock</td><td>time for timeouts, back-offs, rate limits, message times</td></tr>
 * </table>
 */
public final class ChatServerConfig {
    /**
     * Argon2id cost parameters for hashing new passwords. Stored with each hash, so changing them
     * affects only passwords set afterwards.
     *
     * @param memoryKiB memory per hash in KiB
     * @param iterations passes over the memory
     * @param parallelism lanes
     */
    public record PasswordHashing(int memoryKiB, int iterations, int parallelism) {
        /** OWASP's recommended minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
        public static final PasswordHashing OWASP = new PasswordHashing(19 * 1024, 2, 1);

        public PasswordHashing {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException(
                        "invalid Argon2 parameters: m=" + memoryKiB + " KiB, t=" + iterations + ", p=" + parallelism);
            }
        }
    }

    private final Builder b;

    private ChatServerConfig(Builder b) {
        this.b = b.copy();
    }

    public static ChatServerConfig defaults() {
        return new Builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return b.copy();
    }

    public String serverName() {
        return b.serverName;
    }

    public String networkName() {
        return b.networkName;
    }

    /** Where accounts are kept; null keeps them in memory only. */
    public Path accountsFile() {
        return b.accountsFile;
    }

    /** Where offline messages are kept; null keeps them in memory (or beside the accounts file). */
    public Path mailboxDirectory() {
        if (b.mailboxDirectory != null || b.accountsFile == null) {
            return b.mailboxDirectory;
        }
        return b.accountsFile.resolveSibling(b.accountsFile.getFileName() + ".offline");
    }

    public boolean requireLogin() {
        return b.requireLogin;
    }

    public boolean allowPlaintextLogin() {
        return b.allowPlaintextLogin;
    }

    public boolean allowRegistration() {
        return b.allowRegistration;
    }

    /** The message of the day, one entry per line; empty for none. */
    public List<String> motd() {
        return b.motd;
    }

    public int nickLength() {
        return b.nickLength;
    }

    public int channelLength() {
        return b.channelLength;
    }

    public int topicLength() {
        return b.topicLength;
    }

    public int maxChannelsPerUser() {
        return b.maxChannelsPerUser;
    }

    public int maxTargets() {
        return b.maxTargets;
    }

    public int floodBurst() {
        return b.floodBurst;
    }

    public double floodRate() {
        return b.floodRate;
    }

    public int sendQueueBytes() {
        return b.sendQueueBytes;
    }

    public int maxOfflineMessages() {
        return b.maxOfflineMessages;
    }

    public Duration offlineRetention() {
        return b.offlineRetention;
    }

    public int loginFreeFailures() {
        return b.loginFreeFailures;
    }

    public Duration accountBackoffMax() {
        return b.accountBackoffMax;
    }

    public Duration addressBackoffMax() {
        return b.addressBackoffMax;
    }

    public Duration registrationTimeout() {
        return b.registrationTimeout;
    }

    public Duration pingInterval() {
        return b.pingInterval;
    }

    public Duration pingTimeout() {
        return b.pingTimeout;
    }

    /** How often timeouts are checked; zero leaves it to {@link ChatServer#sweep()} calls. */
    public Duration sweepInterval() {
        return b.sweepInterval;
    }

    public PasswordHashing passwordHashing() {
        return b.passwordHashing;
    }

    public int minPasswordLength() {
        return b.minPasswordLength;
    }

    public InstantSource clock() {
        return b.clock;
    }

    /** Builds a {@link ChatServerConfig}; each setter checks its argument at once. */
    public static final class Builder {
        private String serverName = "wirekit.chat";
        private String networkName = "Wirekit";
        private Path accountsFile;
        private Path mailboxDirectory;
        private boolean requireLogin;
        private boolean allowPlaintextLogin;
        private boolean allowRegistration;
        private List<String> motd = List.of();
        private int nickLength = 30;
        private int channelLength = 50;
        private int topicLength = 390;
        private int maxChannelsPerUser = 20;
        private int maxTargets = 4;
        private int floodBurst = 20;
        private double floodRate = 2;
        private int sendQueueBytes = 256 * 1024;
        private int maxOfflineMessages = 100;
        private Duration offlineRetention = Duration.ofDays(30);
        private int loginFreeFailures = 3;
        private Duration accountBackoffMax = Duration.ofSeconds(15);
        private Duration addressBackoffMax = Duration.ofMinutes(15);
        private Duration registrationTimeout = Duration.ofSeconds(60);
        private Duration pingInterval = Duration.ofMinutes(2);
        private Duration pingTimeout = Duration.ofMinutes(1);
        private Duration sweepInterval = Duration.ofSeconds(5);
        private PasswordHashing passwordHashing = PasswordHashing.OWASP;
        private int minPasswordLength = 8;
        private InstantSource clock = InstantSource.system();

        private Builder() {}

        private Builder copy() {
            Builder c = new Builder();
            c.serverName = serverName;
            c.networkName = networkName;
            c.accountsFile = accountsFile;
            c.mailboxDirectory = mailboxDirectory;
            c.requireLogin = requireLogin;
            c.allowPlaintextLogin = allowPlaintextLogin;
            c.allowRegistration = allowRegistration;
            c.motd = motd;
            c.nickLength = nickLength;
            c.channelLength = channelLength;
            c.topicLength = topicLength;
            c.maxChannelsPerUser = maxChannelsPerUser;
            c.maxTargets = maxTargets;
            c.floodBurst = floodBurst;
            c.floodRate = floodRate;
            c.sendQueueBytes = sendQueueBytes;
            c.maxOfflineMessages = maxOfflineMessages;
            c.offlineRetention = offlineRetention;
            c.loginFreeFailures = loginFreeFailures;
            c.accountBackoffMax = accountBackoffMax;
            c.addressBackoffMax = addressBackoffMax;
            c.registrationTimeout = registrationTimeout;
            c.pingInterval = pingInterval;
            c.pingTimeout = pingTimeout;
            c.sweepInterval = sweepInterval;
            c.passwordHashing = passwordHashing;
            c.minPasswordLength = minPasswordLength;
            c.clock = clock;
            return c;
        }

        /** The server's name in replies: host-name-like, with a dot, no spaces. */
        public Builder serverName(String value) {
            if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9.-]*\\.[A-Za-z0-9.-]*[A-Za-z0-9]")) {
                throw new IllegalArgumentException(
                        "serverName must look like a host name with a dot (irc.example.org): " + value);
            }
            serverName = value;
            return this;
        }

        public Builder networkName(String value) {
            if (value == null || !value.matches("[A-Za-z0-9._-]{1,32}")) {
                throw new IllegalArgumentException(
                        "networkName must be 1-32 letters, digits, '.', '_' or '-': " + value);
            }
            networkName = value;
            return this;
        }

        /** The account store's file; null keeps accounts in memory only. */
        public Builder accountsFile(Path value) {
            accountsFile = value;
            return this;
        }

        /** The offline mailbox directory; null puts it beside the accounts file (or in memory). */
        public Builder mailboxDirectory(Path value) {
            mailboxDirectory = value;
            return this;
        }

        public Builder requireLogin(boolean value) {
            requireLogin = value;
            return this;
        }

        public Builder allowPlaintextLogin(boolean value) {
            allowPlaintextLogin = value;
            return this;
        }

        public Builder allowRegistration(boolean value) {
            allowRegistration = value;
            return this;
        }

        public Builder motd(List<String> value) {
            motd = List.copyOf(value);
            return this;
        }

        public Builder nickLength(int value) {
            nickLength = range("nickLength", value, 9, 64);
            return this;
        }

        public Builder channelLength(int value) {
            channelLength = range("channelLength", value, 2, 200);
            return this;
        }

        public Builder topicLength(int value) {
            topicLength = range("topicLength", value, 1, 400);
            return this;
        }

        public Builder maxChannelsPerUser(int value) {
            maxChannelsPerUser = range("maxChannelsPerUser", value, 1, 10_000);
            return this;
        }

        public Builder maxTargets(int value) {
            maxTargets = range("maxTargets", value, 1, 100);
            return this;
        }

        /** Commands a client may send at once before the rate applies. */
        public Builder floodBurst(int value) {
            floodBurst = range("floodBurst", value, 1, 1_000_000);
            return this;
        }

        /** Commands per second a client may keep sending. */
        public Builder floodRate(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("floodRate must be positive: " + value);
            }
            floodRate = value;
            return this;
        }

        /** Unsent bytes queued for one client before it is disconnected as too slow. */
        public Builder sendQueueBytes(int value) {
            sendQueueBytes = range("sendQueueBytes", value, 4096, Integer.MAX_VALUE);
            return this;
        }

        public Builder maxOfflineMessages(int value) {
            maxOfflineMessages = range("maxOfflineMessages", value, 0, 100_000);
            return this;
        }

        public Builder offlineRetention(Duration value) {
            offlineRetention = positive("offlineRetention", value);
            return this;
        }

        public Builder loginFreeFailures(int value) {
            loginFreeFailures = range("loginFreeFailures", value, 0, 1000);
            return this;
        }

        public Builder accountBackoffMax(Duration value) {
            accountBackoffMax = positive("accountBackoffMax", value);
            return this;
        }

        public Builder addressBackoffMax(Duration value) {
            addressBackoffMax = positive("addressBackoffMax", value);
            return this;
        }

        public Builder registrationTimeout(Duration value) {
            registrationTimeout = positive("registrationTimeout", value);
            return this;
        }

        public Builder pingInterval(Duration value) {
            pingInterval = positive("pingInterval", value);
            return this;
        }

        public Builder pingTimeout(Duration value) {
            pingTimeout = positive("pingTimeout", value);
            return this;
        }

        /** How often timeouts are checked; ZERO starts no timer (call {@link ChatServer#sweep()}). */
        public Builder sweepInterval(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("sweepInterval must not be negative: " + value);
            }
            sweepInterval = value;
            return this;
        }

        public Builder passwordHashing(PasswordHashing value) {
            passwordHashing = Objects.requireNonNull(value, "passwordHashing");
            return this;
        }

        public Builder minPasswordLength(int value) {
            minPasswordLength = range("minPasswordLength", value, 1, 256);
            return this;
        }

        public Builder clock(InstantSource value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public ChatServerConfig build() {
            return new ChatServerConfig(this);
        }

        private static int range(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
