package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsQuestion;
import dev.wirekit.dns.DnsRecord;
import dev.wirekit.dns.RData;
import dev.wirekit.dns.RecordType;
import dev.wirekit.dns.ResponseCode;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded cache of upstream answers keyed by question, honouring TTLs: a positive answer lives
 * for the smallest TTL among its records, a negative one (NXDOMAIN or NODATA) for its SOA's
 * negative TTL (RFC 2308 §5; not at all without an SOA), a server failure for a few seconds
 * (RFC 2308 §7). Every lifetime is capped. Served records have their TTLs reduced by the time spent
 * in the cache. Bounded by entries and by bytes, least recently used first out. Time comes from the
 * injected clock. Thread-safe.
 */
public final class ResponseCache {
    /** An answer as cached (TTLs as received) or as served (TTLs reduced). */
    public record Entry(
            ResponseCode rcode,
            List<DnsRecord> answers,
            List<DnsRecord> authorities,
            List<DnsRecord> additionals,
            int size) {}

    private record Stored(Entry entry, long storedMillis, long expiresMillis) {}

    private final int maxEntries;
    private final long maxBytes;
    private final long maxTtl;
    private final long maxNegativeTtl;
    private final long failureTtl;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<DnsQuestion, Stored> map = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    public ResponseCache(
            int maxEntries,
            long maxBytes,
            Duration maxTtl,
            Duration maxNegativeTtl,
            Duration failureTtl,
            InstantSource clock) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.maxTtl = maxTtl.toSeconds();
        this.maxNegativeTtl = maxNegativeTtl.toSeconds();
        this.failureTtl = failureTtl.toSeconds();
        this.clock = clock;
    }

    /** The cached answer to {@code question} with TTLs reduced by its age, or null. */
    public Entry get(DnsQuestion question) {
        DnsQuestion key = key(question);
        long now = clock.millis();
        Stored s;
        lock.lock();
        try {
            s = map.get(key);
            if (s == null) {
                return null;
            }
            if (now >= s.expiresMillis) {
                remove(key);
                return null;
            }
        } finally {
            lock.unlock();
        }
        long age = (now - s.storedMillis) / 1000;
        Entry e = s.entry;
        return new Entry(e.rcode, aged(e.answers, age), aged(e.authorities, age), aged(e.additionals, age), e.size);
    }

    private static List<DnsRecord> aged(List<DnsRecord> records, long age) {
        if (age == 0 || records.isEmpty()) {
            return records;
        }
        List<DnsRecord> out = new ArrayList<>(records.size());
        for (DnsRecord r : records) {
            out.add(r.withTtl(Math.max(0, r.ttl() - age)));
        }
        return out;
    }

    private static List<DnsRecord> capped(List<DnsRecord> records, long max) {
        List<DnsRecord> out = new ArrayList<>(records.size());
        for (DnsRecord r : records) {
            out.add(r.withTtl(Math.min(r.ttl(), max)));
        }
        return out;
    }

    /** Stores {@code entry} as the answer to {@code question}, if it may be cached at all. */
    public void put(DnsQuestion question, Entry entry) {
        long ttl = lifetime(entry);
        if (ttl <= 0 || maxEntries == 0) {
            return;
        }
        long now = clock.millis();
        DnsQuestion key = key(question);
        // No record is served with a TTL beyond what this cache allows: the cap, or for a negative
        // answer its negative TTL (the SOA's own TTL may be longer, RFC 2308 §5).
        long cap = isNegative(entry) ? ttl : maxTtl;
        Entry capped = new Entry(
                entry.rcode,
                capped(entry.answers, cap),
                capped(entry.authorities, cap),
                capped(entry.additionals, cap),
                entry.size);
        lock.lock();
        try {
            remove(key);
            map.put(key, new Stored(capped, now, now + ttl * 1000));
            bytes += entry.size;
            Iterator<Map.Entry<DnsQuestion, Stored>> eldest = map.entrySet().iterator();
            while ((map.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
                Map.Entry<DnsQuestion, Stored> e = eldest.next();
                bytes -= e.getValue().entry.size;
                eldest.remove();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The number of answers cached now, expired ones included until they are next touched. */
    public int size() {
        lock.lock();
        try {
            return map.size();
        } finally {
            lock.unlock();
        }
    }

    private void remove(DnsQuestion key) {
        Stored old = map.remove(key);
        if (old != null) {
            bytes -= old.entry.size;
        }
    }

    private static boolean isNegative(Entry e) {
        return e.rcode.equals(ResponseCode.NXDOMAIN) || (e.rcode.equals(ResponseCode.NOERROR) && e.answers.isEmpty());
    }

    /** Seconds {@code entry} may be cached; 0 for never. */
    long lifetime(Entry entry) {
        ResponseCode rc = entry.rcode;
        if (rc.equals(ResponseCode.SERVFAIL)) {
            return failureTtl;
        }
        if (isNegative(entry)) {
            for (DnsRecord r : entry.authorities) {
                if (r.data() instanceof RData.Soa soa) {
                    return Math.min(Math.min(r.ttl(), soa.minimum()), maxNegativeTtl);
                }
            }
            return 0;
        }
        if (!rc.equals(ResponseCode.NOERROR)) {
            return 0;
        }
        long min = maxTtl;
        for (List<DnsRecord> section : List.of(entry.answers, entry.authorities)) {
            for (DnsRecord r : section) {
                if (!r.type().equals(RecordType.OPT)) {
                    min = Math.min(min, r.ttl());
                }
            }
        }
        return min;
    }

    /** Questions are equal regardless of the names' case, so the question itself is the key. */
    private static DnsQuestion key(DnsQuestion q) {
        return q;
    }
}
