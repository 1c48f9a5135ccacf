package dev.wirekit.dns.support;

import dev.wirekit.dns.DnsName;
import dev.wirekit.dns.Zone;
import dev.wirekit.dns.ZoneFileException;
import java.util.ArrayList;
import java.util.List;

/** The zones the server tests serve: every supported type, a large answer, a delegation, a wildcard. */
public final class TestZones {
    private TestZones() {}

    /** A TXT string of 200 bytes, numbered so that each record differs. */
    public static String bigText(int i) {
        return String.format("%03d", i) + "x".repeat(197);
    }

    /** How many TXT records {@code big.example.test} holds: about 4 KB, far over 512 and 1232 bytes. */
    public static final int BIG_RECORDS = 20;

    public static String exampleTest() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < BIG_RECORDS; i++) {
            big.append("big IN TXT \"").append(bigText(i)).append("\"\n");
        }
        return """
                $ORIGIN example.test.
                $TTL 3600
                @   IN SOA ns1 hostmaster ( 2024010101 ; serial
                                            7200       ; refresh
                                            3600       ; retry
                                            1209600    ; expire
                                            300 )      ; negative TTL
                    IN NS  ns1
                    IN NS  ns2.example.test.
                    IN MX  10 mail
                    IN TXT "v=spf1 -all"
                    IN CAA 0 issue "letsencrypt.org"
                ns1 IN A    192.0.2.53
                ns2 IN AAAA 2001:db8::53
                www 300 IN A 192.0.2.1
                www IN AAAA 2001:db8::1
                mail IN A 192.0.2.25
                alias IN CNAME www
                chain IN CNAME alias
                _sip._tcp IN SRV 10 60 5060 sip
                sip IN A 192.0.2.60
                *.wild IN A 192.0.2.99
                deep.ent IN A 192.0.2.77
                sub IN NS ns.sub
                ns.sub IN A 192.0.2.200
                opaque IN TYPE65280 \\# 4 0A000001
                """ + big;
    }

    public static String reverse() {
        return """
                $ORIGIN 2.0.192.in-addr.arpa.
                $TTL 3600
                @ IN SOA ns1.example.test. hostmaster.example.test. 1 7200 3600 1209600 300
                  IN NS ns1.example.test.
                1 IN PTR www.example.test.
                25 IN PTR mail.example.test.
                """;
    }

    public static List<Zone> all() {
        try {
            List<Zone> zones = new ArrayList<>();
            zones.add(Zone.parse(exampleTest(), DnsName.of("example.test")));
            zones.add(Zone.parse(reverse(), DnsName.of("2.0.192.in-addr.arpa")));
            return zones;
        } catch (ZoneFileException e) {
            throw new AssertionError(e);
        }
    }
}
