package dev.wirekit.proxy.internal.cache;

import java.util.List;

/** Memory in front of disk: reads try memory first and bring disk hits into memory. */
public final class TieredStore implements CacheStore {
    private final MemoryStore memory;
    private final DiskStore disk;

    public TieredStore(MemoryStore memory, DiskStore disk) {
        this.memory = memory;
        this.disk = disk;
    }

    @Override
    public List<CachedResponse> variants(String key) {
        List<CachedResponse> hot = memory.variants(key);
        if (!hot.isEmpty()) {
            return hot;
        }
        List<CachedResponse> cold = disk.variants(key);
        for (int i = cold.size() - 1; i >= 0; i--) {
            memory.put(cold.get(i));
        }
        return cold;
    }

    @Override
    public void put(CachedResponse response) {
        memory.put(response);
        disk.put(response);
    }

    @Override
    public void remove(String key) {
        memory.remove(key);
        disk.remove(key);
    }

    @Override
    public long bytes() {
        return disk.bytes();
    }

    @Override
    public int entries() {
        return disk.entries();
    }
}
