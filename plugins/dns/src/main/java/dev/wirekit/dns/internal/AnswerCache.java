package dev.wirekit.dns.internal;

import dev.wirekit.dns.ResponseCode;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finished UDP responses from the server's own data (zones, refusals), as bytes, keyed by the query
 * datagram's bytes after its ID and by whether the client may recurse: two queries with the same
 * bytes ask the same thing in the same way (same name case, flags, EDNS size), so they get the
 * same response but for the ID. A hit costs a hash lookup and a copy with the ID patched in, and
 * no decoding at all, as in other servers' packet caches. Zone data never changes while the server
 * runs, so entries never go stale; forwarded answers (whose TTLs age) are never stored. Bounded:
 * when full it is emptied and refills with what is asked now.
 */
final class AnswerCache {
    /** Queries longer than this are not cached: real queries are short, and keys stay small. */
    static final int MAX_QUERY = 512;

    private final ConcurrentHashMap<Key, Entry> map = new ConcurrentHashMap<>();
    private final int maxEntries;

    AnswerCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** A cached response and its code (for the server's counters). */
    record Entry(byte[] response, ResponseCode rcode) {}

    /** A query's bytes after the ID, and the client's right to recurse. */
    static final class Key {
        private final byte[] query;
        private final boolean recursion;
        private final int hash;

        private Key(byte[] query, boolean recursion) {
            this.query = query;
            this.recursion = recursion;
            int h = 1;
            for (int i = 2; i < query.length; i++) {
                h = 31 * h + query[i];
            }
            this.hash = recursion ? ~h : h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && k.hash == hash
                    && k.recursion == recursion
                    && Arrays.equals(k.query, 2, k.query.length, query, 2, query.length);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The key of a query datagram, or null when it is not worth caching (a response, a long one). */
    static Key key(byte[] query, boolean recursion) {
        if (query.length < 12 || query.length > MAX_QUERY || (query[2] & 0x80) != 0) {
            return null;
        }
        return new Key(query, recursion);
    }

    /** The cached response for {@code key} with the ID of {@code query}; null on a miss. */
    Entry get(Key key, byte[] query) {
        Entry e = map.get(key);
        if (e == null) {
            return null;
        }
        byte[] copy = e.response.clone();
        copy[0] = query[0];
        copy[1] = query[1];
        return new Entry(copy, e.rcode);
    }

    void put(Key key, byte[] response, ResponseCode rcode) {
        if (map.size() >= maxEntries) {
            map.clear();
        }
        map.put(key, new Entry(response.clone(), rcode));
    }
}
