package dev.wirekit.proxy;

/**
 * A snapshot of a proxy's cache counters.
 *
 * @param hits requests answered from the cache without asking the origin
 * @param misses lookups that found nothing usable
 * @param validations stored responses confirmed by the origin with {@code 304}
 * @param stores responses stored
 * @param entries responses held now
 * @param bytes bytes held now
 */
public record CacheStats(long hits, long misses, long validations, long stores, int entries, long bytes) {
    /** The counters of a proxy without a cache. */
    public static final CacheStats NONE = new CacheStats(0, 0, 0, 0, 0, 0);
}
