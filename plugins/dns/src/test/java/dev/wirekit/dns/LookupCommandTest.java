package dev.wirekit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.dns.internal.DnsCommandProvider;
import dev.wirekit.dns.support.ManualClock;
import dev.wirekit.dns.support.ScriptedUdpServer;
import dev.wirekit.dns.support.TestZones;
import dev.wirekit.spi.CommandSpec;
import dev.wirekit.testkit.doubles.CommandHarness;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code wirekit dns lookup}, run through its action as the CLI would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookupCommandTest {
    private final ManualClock clock = new ManualClock();
    private final CommandSpec lookup =
            new DnsCommandProvider(clock).command().subcommands().get(0);
    private Transport transport;
    private Server server;
    private String at;

    @BeforeAll
    void start() throws Exception {
        transport = Transport.load("nio");
        server = DnsServer.builder()
                .zones(TestZones.all())
                .build()
                .start(transport, new InetSocketAddress("127.0.0.1", 0));
        at = "@127.0.0.1:" + server.localAddress().getPort();
    }

    @AfterAll
    void stop() {
        server.close();
        transport.close();
    }

    private CommandHarness.Result run(int expectedExit, String name, List<String> args, String... flags)
            throws Exception {
        Map<String, Object> raw = new HashMap<>();
        raw.put("name", name);
        raw.put("args", args);
        for (String f : flags) {
            String[] kv = f.split("=", 2);
            raw.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        CommandHarness.Result r = CommandHarness.run(lookup, transport, raw, "");
        assertEquals(expectedExit, r.exitCode(), r.out() + r.err());
        return r;
    }

    @Test
    void printsLikeDig() throws Exception {
        String out = run(0, "www.example.test", List.of("AAAA", at)).out();
        assertTrue(out.contains("; <<>> wirekit dns lookup <<>> www.example.test AAAA " + at), out);
        assertTrue(out.contains(";; ->>HEADER<<- opcode: QUERY, status: NOERROR"), out);
        assertTrue(out.contains(";; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1"), out);
        assertTrue(out.contains(";; QUESTION SECTION:\n;www.example.test.\t\t\tIN\tAAAA"), out);
        assertTrue(out.contains("www.example.test.\t3600\tIN\tAAAA\t2001:db8::1"), out);
        assertTrue(out.contains(";; SERVER: 127.0.0.1#" + server.localAddress().getPort() + "(127.0.0.1) (UDP)"), out);
        assertTrue(out.contains(";; WHEN: Thu Jan 1 00:00:00 UTC 2026"), "time from the injected clock: " + out);
        assertTrue(out.matches("(?s).*;; MSG SIZE  rcvd: \\d+.*"), out);
    }

    @Test
    void typeAndServerInAnyOrderOverTcp() throws Exception {
        String out = run(0, at, List.of("example.test", "MX"), "tcp").out();
        assertTrue(out.contains("example.test.\t3600\tIN\tMX\t10 mail.example.test."), out);
        assertTrue(out.contains("(TCP)"), out);
    }

    @Test
    void anAddressMeansAReverseLookup() throws Exception {
        String out = run(0, "192.0.2.1", List.of(at)).out();
        assertTrue(out.contains("1.2.0.192.in-addr.arpa.\t3600\tIN\tPTR\twww.example.test."), out);
    }

    @Test
    void jsonOutputParses() throws Exception {
        String out = run(0, "example.test", List.of("SOA", at), "json").out();
        JsonNode json = new ObjectMapper().readTree(out);
        assertEquals("NOERROR", json.get("status").asText());
        assertEquals("udp", json.get("protocol").asText());
        assertEquals("example.test.", json.get("question").get(0).get("name").asText());
        JsonNode soa = json.get("answer").get(0);
        assertEquals("SOA", soa.get("type").asText());
        assertEquals(2024010101L, soa.get("serial").asLong());
        assertEquals("ns1.example.test.", soa.get("mname").asText());
        assertTrue(json.get("flags").toString().contains("aa"), json.toString());
    }

    @Test
    void nxdomainIsStillAnAnswer() throws Exception {
        String out = run(0, "nope.example.test", List.of(at)).out();
        assertTrue(out.contains("status: NXDOMAIN"), out);
        assertTrue(out.contains(";; AUTHORITY SECTION:"), out);
    }

    @Test
    void noReplyIsExitCode9() throws Exception {
        try (ScriptedUdpServer silent = new ScriptedUdpServer(q -> List.of())) {
            String spec = "@127.0.0.1:" + silent.address().getPort();
            CommandHarness.Result ctx = run(9, "www.example.test", List.of(spec), "timeout=200ms", "tries=1");
            assertTrue(ctx.out().contains(";; connection timed out"), ctx.out());
        }
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception {
        assertTrue(run(1, "www.example.test", List.of("NOTATYPE", at)).err().contains("unknown record type"));
        assertTrue(run(1, "a", List.of("A", "B", "C")).err().contains("unexpected argument"));
        assertTrue(run(1, "www.example.test", List.of("@host:99999")).err().contains("outside 1-65535"));
        assertTrue(run(1, "notanaddress", List.of(at), "reverse").err().contains("needs an IP address"));
    }
}
