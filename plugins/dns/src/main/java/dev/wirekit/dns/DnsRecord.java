package dev.wirekit.dns;

import java.util.Objects;

/**
 * A resource record (RFC 1035 §3.2.1): an owner name, a class, a time to live and typed data. Its
 * type is its data's type.
 *
 * @param name the owner name
 * @param recordClass the class, almost always {@link RecordClass#IN}
 * @param ttl seconds it may be cached, 0 to 2147483647 (RFC 2181 §8)
 * @param data the typed data
 */
public record DnsRecord(DnsName name, RecordClass recordClass, long ttl, RData data) {
    /** The largest TTL (RFC 2181 §8); a received TTL above it is read as 0. */
    public static final long MAX_TTL = 0x7FFF_FFFFL;

    public DnsRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(recordClass, "recordClass");
        Objects.requireNonNull(data, "data");
        if (ttl < 0 || ttl > MAX_TTL) {
            throw new IllegalArgumentException("ttl out of range 0-" + MAX_TTL + ": " + ttl);
        }
    }

    /** A record in class IN. */
    public static DnsRecord of(DnsName name, long ttl, RData data) {
        return new DnsRecord(name, RecordClass.IN, ttl, data);
    }

    /** A record in class IN owned by {@code name} (text form). */
    public static DnsRecord of(String name, long ttl, RData data) {
        return new DnsRecord(DnsName.of(name), RecordClass.IN, ttl, data);
    }

    /** The record's type, that of its data. */
    public RecordType type() {
        return data.type();
    }

    /** This record with another TTL. */
    public DnsRecord withTtl(long newTtl) {
        return newTtl == ttl ? this : new DnsRecord(name, recordClass, newTtl, data);
    }

    /** This record with another owner name (wildcard synthesis). */
    public DnsRecord withName(DnsName newName) {
        return new DnsRecord(newName, recordClass, ttl, data);
    }

    /** The master-file line, tab-separated as {@code dig} prints it: {@code www.example.com. 300 IN A 192.0.2.1}. */
    @Override
    public String toString() {
        return name + "\t" + ttl + "\t" + recordClass + "\t" + type() + "\t" + data;
    }
}
