package dev.wirekit.dns;

import dev.wirekit.dns.internal.MasterFileParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A zone of authority: an origin, its SOA record, and every record at or below the origin, checked
 * against the rules a server relies on. Immutable.
 *
 * <pre>{@code
 * Zone zone = Zone.load(Path.of("example.com.zone"));     // origin from $ORIGIN / the SOA owner
 * DnsServer server = DnsServer.builder().zone(zone).build();
 * }</pre>
 *
 * <p>Rules checked when a zone is made: exactly one SOA, at the origin; every owner name at or below
 * the origin; class IN only; no query-only types; a name with a CNAME has nothing else (RFC 1034
 * §3.6.2). Duplicate records are dropped, and the records of one set share the lowest TTL among
 * them (RFC 2181 §5).
 */
public final class Zone {
    private final DnsName origin;
    private final DnsRecord soa;
    private final List<DnsRecord> records;

    private Zone(DnsName origin, DnsRecord soa, List<DnsRecord> records) {
        this.origin = origin;
        this.soa = soa;
        this.records = records;
    }

    /**
     * Loads the master file at {@code file}. The origin is the SOA record's owner, which the file
     * names absolutely or relative to its {@code $ORIGIN}.
     *
     * @throws ZoneFileException naming the file and line of a syntax error, or a broken rule
     * @throws IOException when the file cannot be read
     */
    public static Zone load(Path file) throws IOException {
        return fromRecords(file.toString(), MasterFileParser.parse(file, null), null);
    }

    /** Loads the master file at {@code file}, with {@code origin} as the initial {@code $ORIGIN}. */
    public static Zone load(Path file, DnsName origin) throws IOException {
        return fromRecords(file.toString(), MasterFileParser.parse(file, origin), origin);
    }

    /**
     * Parses master-file {@code text} with {@code origin} as the initial {@code $ORIGIN}.
     * {@code $INCLUDE} is refused (there is no directory to include from).
     *
     * @throws ZoneFileException naming the line of a syntax error, or a broken rule
     */
    public static Zone parse(String text, DnsName origin) throws ZoneFileException {
        return fromRecords("<text>", MasterFileParser.parse(text, "<text>", origin), origin);
    }

    /**
     * A zone of {@code records} under {@code origin}.
     *
     * @throws IllegalArgumentException when the records break one of the rules above
     */
    public static Zone of(DnsName origin, List<DnsRecord> records) {
        try {
            return fromRecords(origin.toString(), records, origin);
        } catch (ZoneFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Zone fromRecords(String source, List<DnsRecord> records, DnsName expected) throws ZoneFileException {
        DnsRecord soa = null;
        for (DnsRecord r : records) {
            if (r.data() instanceof RData.Soa) {
                if (soa != null) {
                    throw new ZoneFileException(
                            source, 0, "a second SOA record, at " + r.name() + " (the first is at " + soa.name() + ")");
                }
                soa = r;
            }
        }
        if (soa == null) {
            throw new ZoneFileException(source, 0, "no SOA record: a zone needs one at its origin");
        }
        DnsName origin = soa.name();
        if (expected != null && !expected.equals(origin) && !origin.isSubdomainOf(expected)) {
            throw new ZoneFileException(source, 0, "the SOA is at " + origin + ", outside the origin " + expected);
        }
        // Group into record sets, dropping duplicates, keeping first-seen order.
        Map<Key, LinkedHashSet<RData>> sets = new LinkedHashMap<>();
        Map<Key, Long> ttls = new HashMap<>();
        Map<DnsName, Boolean> hasCname = new HashMap<>();
        Map<DnsName, Boolean> hasOther = new HashMap<>();
        for (DnsRecord r : records) {
            if (!r.name().isSubdomainOf(origin)) {
                throw new ZoneFileException(source, 0, r.name() + " is outside the zone " + origin);
            }
            if (!r.recordClass().equals(RecordClass.IN)) {
                throw new ZoneFileException(
                        source, 0, r.name() + " has class " + r.recordClass() + "; only IN is served");
            }
            if (r.type().isMeta()) {
                throw new ZoneFileException(source, 0, r.name() + " has query-only type " + r.type());
            }
            boolean cname = r.type().equals(RecordType.CNAME);
            (cname ? hasCname : hasOther).put(r.name(), true);
            Key k = new Key(r.name(), r.type());
            sets.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(r.data());
            ttls.merge(k, r.ttl(), Math::min);
        }
        for (DnsName name : hasCname.keySet()) {
            if (hasOther.containsKey(name)) {
                throw new ZoneFileException(source, 0, name + " has a CNAME and other data; a CNAME must stand alone");
            }
            if (sets.get(new Key(name, RecordType.CNAME)).size() > 1) {
                throw new ZoneFileException(source, 0, name + " has more than one CNAME");
            }
        }
        List<DnsRecord> out = new ArrayList<>(records.size());
        for (Map.Entry<Key, LinkedHashSet<RData>> e : sets.entrySet()) {
            long ttl = ttls.get(e.getKey());
            for (RData d : e.getValue()) {
                out.add(new DnsRecord(e.getKey().name(), RecordClass.IN, ttl, d));
            }
        }
        DnsRecord finalSoa = soa.withTtl(ttls.get(new Key(origin, RecordType.SOA)));
        return new Zone(origin, finalSoa, List.copyOf(out));
    }

    private record Key(DnsName name, RecordType type) {}

    /** The zone's apex: the owner of its SOA. */
    public DnsName origin() {
        return origin;
    }

    /** The SOA record. */
    public DnsRecord soa() {
        return soa;
    }

    /** Every record, grouped by record set, in the order first seen. */
    public List<DnsRecord> records() {
        return records;
    }

    /**
     * The TTL of a negative answer from this zone (RFC 2308 §5): the lesser of the SOA's own TTL and
     * its MINIMUM field.
     */
    public long negativeTtl() {
        return Math.min(soa.ttl(), ((RData.Soa) soa.data()).minimum());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Zone z && z.origin.equals(origin) && z.records.equals(records);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, records);
    }

    @Override
    public String toString() {
        return "Zone[" + origin + ", " + records.size() + " records]";
    }
}
