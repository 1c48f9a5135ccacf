package dev.wirekit.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.dns.DnsName;
import dev.wirekit.dns.DnsRecord;
import dev.wirekit.dns.RecordType;
import dev.wirekit.dns.ResponseCode;
import dev.wirekit.dns.Zone;
import dev.wirekit.dns.support.TestZones;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneIndexTest {
    private final ZoneIndex index = new ZoneIndex(TestZones.all());

    private ZoneIndex.Answer ask(String name, RecordType type) {
        return index.lookup(DnsName.of(name), type);
    }

    private static List<String> data(List<DnsRecord> records) {
        return records.stream().map(r -> r.type() + " " + r.data()).toList();
    }

    @Test
    void namesOutsideEveryZoneAreNotOurs() {
        assertNull(ask("www.example.com", RecordType.A));
        assertFalse(index.covers(DnsName.of("test")));
        assertTrue(index.covers(DnsName.of("deep.example.test")));
    }

    @Test
    void aCnameLoopStops() throws Exception {
        ZoneIndex loop = new ZoneIndex(List.of(Zone.parse("""
                $TTL 60
                @ SOA ns h 1 2 3 4 5
                a CNAME b
                b CNAME a
                """, DnsName.of("loop.test"))));
        ZoneIndex.Answer r = loop.lookup(DnsName.of("a.loop.test"), RecordType.A);
        assertEquals(ResponseCode.NOERROR, r.rcode());
        assertEquals(List.of("CNAME b.loop.test.", "CNAME a.loop.test."), data(r.answers()));
    }

    @Test
    void aLongCnameChainIsCutAtItsLimit() throws Exception {
        StringBuilder text = new StringBuilder("$TTL 60\n@ SOA ns h 1 2 3 4 5\n");
        for (int i = 0; i < 20; i++) {
            text.append("c").append(i).append(" CNAME c").append(i + 1).append('\n');
        }
        ZoneIndex chain = new ZoneIndex(List.of(Zone.parse(text.toString(), DnsName.of("chain.test"))));
        ZoneIndex.Answer r = chain.lookup(DnsName.of("c0.chain.test"), RecordType.A);
        assertEquals(ZoneIndex.MAX_CNAME_CHAIN, r.answers().size(), "bounded work per query");
    }

    @Test
    void aCnameIntoAnotherServedZoneIsFollowedAndItsNegativeAnswerUsed() throws Exception {
        ZoneIndex two = new ZoneIndex(List.of(
                Zone.parse("$TTL 60\n@ SOA ns h 1 2 3 4 5\nx CNAME missing.two.test.\n", DnsName.of("one.test")),
                Zone.parse("$TTL 60\n@ SOA ns h 1 2 3 4 7\n", DnsName.of("two.test"))));
        ZoneIndex.Answer r = two.lookup(DnsName.of("x.one.test"), RecordType.A);
        assertEquals(ResponseCode.NXDOMAIN, r.rcode(), "RFC 6604: the rcode of the last name in the chain");
        assertEquals(1, r.answers().size());
        assertEquals(DnsName.of("two.test"), r.authorities().get(0).name());
    }

    @Test
    void anyGivesEveryRecordSet() {
        ZoneIndex.Answer r = ask("www.example.test", RecordType.ANY);
        assertEquals(List.of("A 192.0.2.1", "AAAA 2001:db8::1"), data(r.answers()));
    }

    @Test
    void additionalAddressesForMxSrvAndNsTargets() {
        assertEquals(
                List.of("A 192.0.2.25"), data(ask("example.test", RecordType.MX).additionals()));
        assertEquals(
                List.of("A 192.0.2.60"),
                data(ask("_sip._tcp.example.test", RecordType.SRV).additionals()));
        assertEquals(
                List.of("A 192.0.2.53", "AAAA 2001:db8::53"),
                data(ask("example.test", RecordType.NS).additionals()));
    }

    @Test
    void wildcardsDoNotCoverExistingNamesOrTheirDescendants() {
        assertEquals(
                ResponseCode.NOERROR, ask("a.b.wild.example.test", RecordType.A).rcode(), "wildcards match deep names");
        assertEquals(
                ResponseCode.NOERROR, ask("*.wild.example.test", RecordType.A).rcode());
        assertEquals(
                ResponseCode.NXDOMAIN,
                ask("x.deep.ent.example.test", RecordType.A).rcode(),
                "no wildcard at deep.ent: NXDOMAIN");
        ZoneIndex.Answer nodata = ask("x.wild.example.test", RecordType.MX);
        assertEquals(ResponseCode.NOERROR, nodata.rcode(), "a wildcard name without the type is NODATA");
        assertTrue(nodata.answers().isEmpty());
    }

    @Test
    void namesAtAndBelowADelegationAreReferred() {
        for (String name : List.of("sub.example.test", "x.y.sub.example.test", "ns.sub.example.test")) {
            ZoneIndex.Answer r = ask(name, RecordType.A);
            assertFalse(r.authoritative(), name);
            assertEquals(List.of("NS ns.sub.example.test."), data(r.authorities()), name);
            assertEquals(List.of("A 192.0.2.200"), data(r.additionals()), name);
        }
    }
}
