package dev.wirekit.proxy.internal.cache;

import java.util.List;

/**
 * Where cached responses live: the variants stored under each key, bounded in size. Thread-safe.
 */
public interface CacheStore extends AutoCloseable {

    /** The variants stored under {@code key}, most recent first; empty when none. */
    List<CachedResponse> variants(String key);

    /** Stores {@code response}, replacing the variant of its key with the same Vary values. */
    void put(CachedResponse response);

    /** Removes every variant of {@code key}. */
    void remove(String key);

    /** Bytes held. */
    long bytes();

    /** Responses held. */
    int entries();

    @Override
    default void close() {}
}
