package dev.wirekit.dns.internal;

import dev.wirekit.dns.DnsName;
import dev.wirekit.dns.DnsRecord;
import dev.wirekit.dns.RData;
import dev.wirekit.dns.RecordType;
import dev.wirekit.dns.ResponseCode;
import dev.wirekit.dns.Zone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The zones a server is authoritative for, indexed for answering (RFC 1034 §4.3.2 for
 * authoritative data): exact matches, CNAME chains through the served zones (at most
 * {@value #MAX_CNAME_CHAIN} links), empty non-terminals, wildcards (RFC 4592), delegations with
 * glue, and negative answers with the zone's SOA (RFC 2308). Additional-section addresses are added
 * for MX, SRV and NS targets the server knows. Immutable and thread-safe.
 */
public final class ZoneIndex {
    static final int MAX_CNAME_CHAIN = 8;
    private static final int MAX_ADDITIONAL_TARGETS = 16;

    /** What the zones say about a question. */
    public record Answer(
            ResponseCode rcode,
            boolean authoritative,
            List<DnsRecord> answers,
            List<DnsRecord> authorities,
            List<DnsRecord> additionals) {}

    private static final class Node {
        final LinkedHashMap<RecordType, List<DnsRecord>> sets = new LinkedHashMap<>();
    }

    private static final class Data {
        final Zone zone;
        final DnsRecord negativeSoa;
        final Map<DnsName, Node> nodes = new HashMap<>();
        final Set<DnsName> names = new HashSet<>();

        Data(Zone zone) {
            this.zone = zone;
            this.negativeSoa = zone.soa().withTtl(zone.negativeTtl());
            for (DnsRecord r : zone.records()) {
                nodes.computeIfAbsent(r.name(), n -> new Node())
                        .sets
                        .computeIfAbsent(r.type(), t -> new ArrayList<>())
                        .add(r);
                for (DnsName n = r.name(); !names.contains(n); n = n.parent()) {
                    names.add(n);
                    if (n.equals(zone.origin())) {
                        break;
                    }
                }
            }
        }
    }

    private final Map<DnsName, Data> zones = new HashMap<>();

    public ZoneIndex(List<Zone> list) {
        for (Zone z : list) {
            if (zones.put(z.origin(), new Data(z)) != null) {
                throw new IllegalArgumentException("two zones for " + z.origin());
            }
        }
    }

    /** The served zone closest to {@code name}, or null. */
    private Data zoneOf(DnsName name) {
        if (zones.isEmpty()) {
            return null;
        }
        for (int i = 0; i <= name.labelCount(); i++) {
            Data d = zones.get(name.suffix(i));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** True when some served zone contains {@code name}. */
    public boolean covers(DnsName name) {
        return zoneOf(name) != null;
    }

    /** The authoritative answer about {@code name} and {@code type}, or null when no zone covers the name. */
    public Answer lookup(DnsName name, RecordType type) {
        Data zone = zoneOf(name);
        if (zone == null) {
            return null;
        }
        List<DnsRecord> answers = new ArrayList<>();
        Answer result = resolve(zone, name, type, answers, 0);
        return new Answer(result.rcode, result.authoritative, answers, result.authorities, result.additionals);
    }

    private Answer resolve(Data zone, DnsName name, RecordType type, List<DnsRecord> answers, int chain) {
        DnsName cut = delegation(zone, name, type);
        if (cut != null) {
            List<DnsRecord> ns = zone.nodes.get(cut).sets.get(RecordType.NS);
            return new Answer(ResponseCode.NOERROR, chain > 0, List.of(), ns, glue(zone, ns));
        }
        Node node = zone.nodes.get(name);
        boolean synthesized = false;
        if (node == null && !zone.names.contains(name)) {
            node = wildcard(zone, name);
            synthesized = node != null;
            if (node == null) {
                return negative(zone, ResponseCode.NXDOMAIN);
            }
        }
        if (node == null) {
            return negative(zone, ResponseCode.NOERROR); // an empty non-terminal
        }
        if (type.equals(RecordType.ANY)) {
            for (List<DnsRecord> set : node.sets.values()) {
                add(answers, set, name, synthesized);
            }
            return positive(answers);
        }
        List<DnsRecord> set = node.sets.get(type);
        if (set != null) {
            add(answers, set, name, synthesized);
            return positive(answers);
        }
        List<DnsRecord> cname = node.sets.get(RecordType.CNAME);
        if (cname != null) {
            add(answers, cname, name, synthesized);
            DnsName target = ((RData.Cname) cname.get(0).data()).target();
            Data next = zoneOf(target);
            if (next == null || chain + 1 >= MAX_CNAME_CHAIN || loops(answers, target)) {
                return positive(answers); // the client follows the alias from here
            }
            Answer rest = resolve(next, target, type, answers, chain + 1);
            return new Answer(rest.rcode, true, List.of(), rest.authorities, rest.additionals);
        }
        return negative(zone, ResponseCode.NOERROR);
    }

    private static boolean loops(List<DnsRecord> answers, DnsName target) {
        for (DnsRecord r : answers) {
            if (r.name().equals(target)) {
                return true;
            }
        }
        return false;
    }

    /** The highest delegation point between the apex (exclusive) and {@code name} (inclusive). */
    private static DnsName delegation(Data zone, DnsName name, RecordType type) {
        int below = name.labelCount() - zone.zone.origin().labelCount();
        for (int k = below - 1; k >= 0; k--) {
            DnsName n = name.suffix(k);
            Node node = zone.nodes.get(n);
            if (node != null && node.sets.containsKey(RecordType.NS)) {
                return n;
            }
            if (!zone.names.contains(n)) {
                return null; // nothing exists below here, so no cut either
            }
        }
        return null;
    }

    /** The wildcard node that synthesizes {@code name} (RFC 4592 §3.3.1), or null. */
    private static Node wildcard(Data zone, DnsName name) {
        DnsName encloser = name.parent();
        while (!zone.names.contains(encloser)) {
            encloser = encloser.parent();
        }
        return zone.nodes.get(encloser.child("*"));
    }

    private static void add(List<DnsRecord> answers, List<DnsRecord> set, DnsName owner, boolean synthesized) {
        if (!synthesized) {
            answers.addAll(set);
            return;
        }
        for (DnsRecord r : set) {
            answers.add(r.withName(owner));
        }
    }

    private Answer positive(List<DnsRecord> answers) {
        return new Answer(ResponseCode.NOERROR, true, List.of(), List.of(), additional(answers));
    }

    private static Answer negative(Data zone, ResponseCode rcode) {
        return new Answer(rcode, true, List.of(), List.of(zone.negativeSoa), List.of());
    }

    /** Addresses of the MX, SRV and NS targets in {@code answers} that the served zones hold. */
    private List<DnsRecord> additional(List<DnsRecord> answers) {
        List<DnsRecord> extra = new ArrayList<>();
        Set<DnsName> seen = new HashSet<>();
        for (DnsRecord r : answers) {
            DnsName target = switch (r.data()) {
                case RData.Mx mx -> mx.exchange();
                case RData.Srv srv -> srv.target();
                case RData.Ns ns -> ns.host();
                default -> null;
            };
            if (target == null || !seen.add(target) || seen.size() > MAX_ADDITIONAL_TARGETS) {
                continue;
            }
            Data zone = zoneOf(target);
            Node node = zone == null ? null : zone.nodes.get(target);
            if (node != null && delegation(zone, target, RecordType.A) == null) {
                addresses(extra, node);
            }
        }
        return extra;
    }

    /** Glue: addresses of the delegated name servers, from the parent zone's data. */
    private static List<DnsRecord> glue(Data zone, List<DnsRecord> ns) {
        List<DnsRecord> extra = new ArrayList<>();
        for (DnsRecord r : ns) {
            Node node = zone.nodes.get(((RData.Ns) r.data()).host());
            if (node != null) {
                addresses(extra, node);
            }
        }
        return extra;
    }

    private static void addresses(List<DnsRecord> out, Node node) {
        List<DnsRecord> a = node.sets.get(RecordType.A);
        if (a != null) {
            out.addAll(a);
        }
        List<DnsRecord> aaaa = node.sets.get(RecordType.AAAA);
        if (aaaa != null) {
            out.addAll(aaaa);
        }
    }
}
