package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneTest {
    private static final DnsName ORIGIN = DnsName.of("example.test");

    private static List<DnsRecord> at(Zone z, String name, RecordType type) {
        return z.records().stream()
                .filter(r -> r.name().equals(DnsName.of(name)) && r.type().equals(type))
                .toList();
    }

    @Test
    void readsDirectivesRelativeNamesAndParentheses() throws Exception {
        Zone z = Zone.parse("""
                $TTL 1h
                @ IN SOA ns1 hostmaster.example.test. (
                        42      ; serial
                        2h 1h   ; refresh, retry
                        2w      ; expire
                        5m )    ; minimum
                  IN NS ns1
                ns1 A 192.0.2.53 ; class and TTL both optional
                www 300 IN A 192.0.2.1
                    IN 60 AAAA 2001:db8::1 ; blank owner: www again, TTL after class
                $ORIGIN sub.example.test.
                host A 192.0.2.9
                """, ORIGIN);
        assertEquals(ORIGIN, z.origin());
        RData.Soa soa = (RData.Soa) z.soa().data();
        assertEquals(DnsName.of("ns1.example.test"), soa.mname());
        assertEquals(42, soa.serial());
        assertEquals(7200, soa.refresh());
        assertEquals(3600, soa.retry());
        assertEquals(1209600, soa.expire());
        assertEquals(300, soa.minimum());
        assertEquals(300, z.negativeTtl(), "min(SOA TTL 3600, MINIMUM 300)");
        assertEquals(3600, at(z, "ns1.example.test", RecordType.A).get(0).ttl(), "$TTL applies");
        assertEquals(300, at(z, "www.example.test", RecordType.A).get(0).ttl());
        assertEquals(60, at(z, "www.example.test", RecordType.AAAA).get(0).ttl());
        assertEquals(1, at(z, "host.sub.example.test", RecordType.A).size(), "$ORIGIN changes the origin");
    }

    @Test
    void readsEveryTypeAndTheGenericForm() throws Exception {
        Zone z = Zone.parse("""
                $TTL 60
                @ SOA ns h 1 2 3 4 5
                @ MX 10 mail
                @ TXT "a \\"quoted\\" string" unquoted \\065\\066
                @ CAA 128 issue "ca.example"
                _x._tcp SRV 1 2 3 target
                alias CNAME www
                ptr PTR www.example.test.
                n NS ns.elsewhere.
                opaque TYPE65280 \\# 3 0a0b0c
                a2 A \\# 4 c0000201
                """, ORIGIN);
        assertEquals(
                new RData.Mx(10, DnsName.of("mail.example.test")),
                at(z, "example.test", RecordType.MX).get(0).data());
        RData.Txt txt = (RData.Txt) at(z, "example.test", RecordType.TXT).get(0).data();
        assertEquals(List.of("a \"quoted\" string", "unquoted", "AB"), txt.text());
        RData.Caa caa = (RData.Caa) at(z, "example.test", RecordType.CAA).get(0).data();
        assertTrue(caa.critical());
        assertEquals("issue", caa.tag());
        assertEquals(
                new RData.Srv(1, 2, 3, DnsName.of("target.example.test")),
                at(z, "_x._tcp.example.test", RecordType.SRV).get(0).data());
        assertEquals(
                new RData.Unknown(RecordType.of(65280), new byte[] {10, 11, 12}),
                at(z, "opaque.example.test", RecordType.of(65280)).get(0).data());
        assertEquals(
                RData.A.of("192.0.2.1"),
                at(z, "a2.example.test", RecordType.A).get(0).data(),
                "RFC 3597 form of a known type is read as that type");
    }

    @Test
    void errorsNameTheLine() {
        ZoneFileException e = assertThrows(ZoneFileException.class, () -> Zone.parse("""
                $TTL 60
                @ SOA ns h 1 2 3 4 5
                www A 300.1.2.3
                """, ORIGIN));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("<text>:3"), e.getMessage());
        assertTrue(e.getMessage().contains("300.1.2.3"), e.getMessage());

        assertLine(3, "$TTL 60\n@ SOA ns h 1 2 3 4 5\nwww BOGUS x\n", "record type");
        assertLine(1, "@ SOA ns h 1 2 3 4 5 (\n", "never closed");
        assertLine(2, "$TTL 60\n@ SOA ns h 1 2 3 4 5 extra\n", "unexpected 'extra'");
        assertLine(1, "$GENERATE 1-10 h$ A 1.2.3.$\n", "unknown directive");
        assertLine(1, "@ SOA ns h 1 2 3 4 5\n", "no TTL");
        assertLine(2, "$TTL 60\nwww CH TXT hello\n", "only class IN");
        assertLine(2, "$TTL 60\nwww A \\# 5 0102\n", "says 5 bytes");
        assertLine(2, "$TTL 60\n$INCLUDE other.zone\n", "only allowed in zone files");
    }

    private static void assertLine(int line, String text, String fragment) {
        ZoneFileException e = assertThrows(ZoneFileException.class, () -> Zone.parse(text, ORIGIN), text);
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void zoneRulesAreChecked() {
        assertRule("$TTL 60\nwww A 192.0.2.1\n", "no SOA");
        assertRule("$TTL 60\n@ SOA ns h 1 2 3 4 5\nsub SOA ns h 1 2 3 4 5\n", "second SOA");
        assertRule("$TTL 60\n@ SOA ns h 1 2 3 4 5\nwww CNAME x\nwww A 192.0.2.1\n", "CNAME and other data");
        assertRule("$TTL 60\n@ SOA ns h 1 2 3 4 5\nwww CNAME x\nwww CNAME y\n", "more than one CNAME");
        assertRule("$TTL 60\n@ SOA ns h 1 2 3 4 5\nwww.other. A 192.0.2.1\n", "outside the zone");
    }

    private static void assertRule(String text, String fragment) {
        ZoneFileException e = assertThrows(ZoneFileException.class, () -> Zone.parse(text, ORIGIN), text);
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void duplicatesGoAndARecordSetSharesItsLowestTtl() throws Exception {
        Zone z = Zone.parse("""
                $TTL 60
                @ SOA ns h 1 2 3 4 5
                www 300 A 192.0.2.1
                www 100 A 192.0.2.2
                www 300 A 192.0.2.1
                """, ORIGIN);
        List<DnsRecord> www = at(z, "www.example.test", RecordType.A);
        assertEquals(2, www.size());
        assertTrue(www.stream().allMatch(r -> r.ttl() == 100), www.toString());
    }

    @Test
    void loadsFilesWithIncludes(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("hosts.inc"), "www A 192.0.2.1\n$ORIGIN elsewhere.example.test.\nx A 192.0.2.2\n");
        Files.writeString(dir.resolve("main.zone"), """
                $ORIGIN example.test.
                $TTL 60
                @ SOA ns h 1 2 3 4 5
                $INCLUDE hosts.inc
                mail A 192.0.2.25 ; the include's $ORIGIN does not leak out
                """);
        Zone z = Zone.load(dir.resolve("main.zone"));
        assertEquals(ORIGIN, z.origin());
        assertEquals(1, at(z, "www.example.test", RecordType.A).size());
        assertEquals(1, at(z, "x.elsewhere.example.test", RecordType.A).size());
        assertEquals(1, at(z, "mail.example.test", RecordType.A).size());
    }
}
