package dev.wirekit.chat.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brute-force protection for logins, in three scopes with their own exponential back-off after
 * {@code free} failures (1 s, 2 s, 4 s, ...):
 *
 * <ul>
 *   <li><b>account and address</b> — one guesser against one account; grows up to the address
 *       maximum (minutes), so a guesser is slowed to a crawl;
 *   <li><b>address</b> — one address guessing across many accounts; same maximum (failures count
 *       half as much here, so a user who mistypes two passwords is not penalised twice);
 *   <li><b>account</b> — failures from everywhere against one account (a distributed guesser);
 *       capped at the short account maximum (seconds), so the owner, logging in from an address
 *       without failures of its own, is never locked out longer than that by someone else.
 * </ul>
 *
 * A success clears the account-and-address and account scopes. Entries are forgotten once their
 * back-off has long expired, and the table is bounded (oldest dropped first), so a flood of
 * addresses cannot grow memory without limit. IPv6 addresses count per /64. Thread-safe.
 */
public final class LoginThrottle {
    private static final int MAX_ENTRIES = 100_000;
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final int free;
    private final Duration accountMax;
    private final Duration addressMax;
    private final InstantSource clock;
    private final Map<String, Tally> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tally> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private int failuresSinceSweep;

    private static final class Tally {
        double failures;
        Instant blockedUntil = Instant.MIN;
        Instant last = Instant.MIN;
    }

    public LoginThrottle(int free, Duration accountMax, Duration addressMax, InstantSource clock) {
        this.free = free;
        this.accountMax = accountMax;
        this.addressMax = addressMax;
        this.clock = clock;
    }

    /** How long {@code account} must wait before a try from {@code address}; zero when it may try now. */
    public synchronized Duration wait(String account, InetAddress address) {
        Instant now = clock.instant();
        Instant until = Instant.MIN;
        for (String key : keys(account, address)) {
            Tally e = entries.get(key);
            if (e != null && e.blockedUntil.isAfter(until)) {
                until = e.blockedUntil;
            }
        }
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }

    /** Records a failed try. */
    public synchronized void failed(String account, InetAddress address) {
        Instant now = clock.instant();
        String[] keys = keys(account, address);
        bump(keys[0], 1, addressMax, now);
        bump(keys[1], 0.5, addressMax, now);
        bump(keys[2], 1, accountMax, now);
        if (++failuresSinceSweep >= 256) {
            failuresSinceSweep = 0;
            entries.values()
                    .removeIf(e -> e.blockedUntil.plus(FORGET_AFTER).isBefore(now)
                            && e.last.plus(FORGET_AFTER).isBefore(now));
        }
    }

    /** Records a success: the account's own failures are forgiven. */
    public synchronized void succeeded(String account, InetAddress address) {
        String[] keys = keys(account, address);
        entries.remove(keys[0]);
        entries.remove(keys[2]);
    }

    private void bump(String key, double weight, Duration max, Instant now) {
        Tally e = entries.computeIfAbsent(key, k -> new Tally());
        if (e.last.plus(FORGET_AFTER).isBefore(now)) {
            e.failures = 0;
        }
        e.failures += weight;
        e.last = now;
        double over = e.failures - free;
        if (over > 0) {
            long millis = (long) Math.min(max.toMillis(), 1000 * Math.pow(2, Math.min(30, Math.ceil(over) - 1)));
            Instant until = now.plusMillis(millis);
            if (until.isAfter(e.blockedUntil)) {
                e.blockedUntil = until;
            }
        }
    }

    private static String[] keys(String account, InetAddress address) {
        String folded = Names.fold(account);
        String net = network(address);
        return new String[] {"pair:" + folded + "@" + net, "addr:" + net, "acct:" + folded};
    }

    /** The address, or its /64 network for IPv6 (one subscriber usually has a whole /64). */
    static String network(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 16) {
            return java.util.HexFormat.of().formatHex(a, 0, 8) + "::/64";
        }
        return address.getHostAddress();
    }
}
