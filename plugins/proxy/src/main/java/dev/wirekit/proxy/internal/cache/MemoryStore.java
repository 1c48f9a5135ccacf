package dev.wirekit.proxy.internal.cache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** Responses in memory, bounded in bytes; the least recently used keys are evicted first. */
public final class MemoryStore implements CacheStore {
    private final long maxBytes;
    private final LinkedHashMap<String, List<CachedResponse>> map = new LinkedHashMap<>(64, 0.75f, true);
    private final ReentrantLock lock = new ReentrantLock();
    private long bytes;
    private int entries;
    private long evictions;

    public MemoryStore(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public List<CachedResponse> variants(String key) {
        lock.lock();
        try {
            List<CachedResponse> v = map.get(key);
            return v == null ? List.of() : List.copyOf(v);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(CachedResponse response) {
        if (response.weight() > maxBytes) {
            return;
        }
        lock.lock();
        try {
            List<CachedResponse> list = map.computeIfAbsent(response.key(), k -> new ArrayList<>(1));
            for (Iterator<CachedResponse> it = list.iterator(); it.hasNext(); ) {
                CachedResponse old = it.next();
                if (old.vary().equals(response.vary())) {
                    it.remove();
                    bytes -= old.weight();
                    entries--;
                }
            }
            list.add(0, response);
            bytes += response.weight();
            entries++;
            evict();
        } finally {
            lock.unlock();
        }
    }

    private void evict() {
        Iterator<Map.Entry<String, List<CachedResponse>>> it = map.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<String, List<CachedResponse>> eldest = it.next();
            for (CachedResponse r : eldest.getValue()) {
                bytes -= r.weight();
                entries--;
                evictions++;
            }
            it.remove();
        }
    }

    @Override
    public void remove(String key) {
        lock.lock();
        try {
            List<CachedResponse> gone = map.remove(key);
            if (gone != null) {
                for (CachedResponse r : gone) {
                    bytes -= r.weight();
                    entries--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int entries() {
        lock.lock();
        try {
            return entries;
        } finally {
            lock.unlock();
        }
    }

    /** Responses evicted to stay within the bound. */
    public long evictions() {
        lock.lock();
        try {
            return evictions;
        } finally {
            lock.unlock();
        }
    }
}
