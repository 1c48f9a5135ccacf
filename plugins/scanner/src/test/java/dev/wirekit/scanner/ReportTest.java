package dev.wirekit.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reports of a hand-made result with every field set, hostile text included, against the schemas. */
class ReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ScanResult sample() throws Exception {
        Target named = new Target("web.scan-test.invalid", InetAddress.getByName("192.0.2.80"));
        Target v6 = new Target(null, InetAddress.getByName("2001:db8::1"));
        ScanSettings settings = new ScanSettings(
                PortSet.parse("22,80,443,8000-8100"),
                1000,
                256,
                Duration.ofSeconds(2),
                1,
                true,
                Duration.ofSeconds(3),
                8192,
                EnumSet.allOf(Probe.class),
                EnumSet.allOf(PortState.class));
        TlsInfo tls = new TlsInfo(
                "TLSv1.3",
                "TLS_AES_128_GCM_SHA256",
                "CN=web.scan-test.invalid,O=Evil\\x1b[2J",
                "CN=web.scan-test.invalid,O=Evil\\x1b[2J",
                Instant.parse("2026-11-24T00:00:00Z"),
                Instant.parse("2026-11-26T00:00:00Z"),
                List.of("DNS:web.scan-test.invalid", "IP:192.0.2.80"),
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                true,
                1,
                null);
        List<PortResult> ports = List.of(
                new PortResult(
                        named,
                        22,
                        PortState.OPEN,
                        "syn-ack",
                        Duration.ofNanos(412_345),
                        1,
                        new ServiceInfo("ssh", "OpenSSH", "9.2p1", "protocol 2.0", null, "probe", "greeting"),
                        new Banner("greeting", "SSH-2.0-OpenSSH_9.2p1\\r\\n", 23, false, false),
                        null),
                new PortResult(
                        named,
                        443,
                        PortState.OPEN,
                        "syn-ack",
                        Duration.ofMillis(1),
                        1,
                        new ServiceInfo("http", "nginx", "1.22.1", null, "tls", "probe", "http"),
                        new Banner("http", "HTTP/1.1 200 OK\\r\\n\\x00\\xff", 19, true, false),
                        tls),
                new PortResult(
                        named,
                        8080,
                        PortState.OPEN,
                        "syn-ack",
                        Duration.ofMillis(1),
                        1,
                        ServiceInfo.fromPort("http-alt"),
                        null,
                        null),
                new PortResult(
                        named, 8000, PortState.CLOSED, "conn-refused", Duration.ofNanos(90_000), 1, null, null, null),
                new PortResult(v6, 80, PortState.FILTERED, "no-response", Duration.ofSeconds(2), 2, null, null, null),
                new PortResult(v6, 81, PortState.FILTERED, "host-unreach", Duration.ofMillis(3), 1, null, null, null));
        return new ScanResult(
                Instant.parse("2026-11-25T01:02:03.456Z"),
                Instant.parse("2026-11-25T01:02:05.789Z"),
                settings,
                List.of(new TargetSummary(named, 3, 100, 0), new TargetSummary(v6, 0, 102, 2)),
                ports);
    }

    @Test
    void theJsonReportFollowsItsSchema() throws Exception {
        String json = ScanReports.toJson(sample());
        assertEquals(List.of(), ReportSchemas.reportErrors(json), json);
        JsonNode root = JSON.readTree(json);
        assertEquals("2026-11-25T01:02:03.456Z", root.get("start").asText());
        assertEquals(2333.0, root.get("elapsedMs").asDouble());
        JsonNode https = root.get("ports").get(1);
        assertEquals("web.scan-test.invalid", https.get("target").asText());
        assertEquals("192.0.2.80", https.get("address").asText());
        assertEquals("tls", https.get("service").get("tunnel").asText());
        assertEquals("TLSv1.3", https.get("tls").get("protocol").asText());
        assertFalse(https.get("tls").has("error"), "absent values are left out");
        assertEquals(0.412, root.get("ports").get(0).get("latencyMs").asDouble(), "milliseconds to the microsecond");
        assertEquals(
                "2001:db8:0:0:0:0:0:1", root.get("ports").get(4).get("target").asText());
    }

    @Test
    void theValidatorCatchesWhatTheSchemaForbids() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(ScanReports.toJson(sample()));
        report.remove("end");
        ((ObjectNode) report.get("ports").get(0)).put("state", "half-open");
        ((ObjectNode) report.get("ports").get(1).get("banner")).put("text", "raw\u001b[2J");
        ((ObjectNode) report.get("ports").get(2)).put("surprise", true);
        List<String> errors = ReportSchemas.reportErrors(report.toString());
        assertEquals(4, errors.size(), String.join("\n", errors));
    }

    @Test
    void jsonLinesEventsFollowTheirSchema() throws Exception {
        ScanResult result = sample();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScanReports.JsonLines lines = ScanReports.jsonLines(out);
        lines.started(
                result.started(),
                result.targets().stream().map(TargetSummary::target).toList(),
                result.settings());
        result.ports().forEach(lines::portDone);
        lines.finished(result);
        List<String> events = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(result.ports().size() + 2, events.size());
        for (String event : events) {
            assertEquals(List.of(), ReportSchemas.eventErrors(event), event);
            assertFalse(event.contains("\n"), "one event per line");
        }
        assertEquals("port", JSON.readTree(events.get(1)).get("event").asText());
        assertEquals(22, JSON.readTree(events.get(1)).get("result").get("port").asInt());
        assertTrue(ReportSchemas.eventErrors("{\"event\":\"port\",\"port\":22}").size() > 0, "a bad event fails");
    }

    @Test
    void theTableShowsEscapedTextOnly() throws Exception {
        String table = ScanReports.table(sample());
        assertTrue(table.contains("Scan of web.scan-test.invalid (192.0.2.80)"), table);
        assertTrue(table.contains("22/tcp    open    ssh        OpenSSH 9.2p1 (protocol 2.0)"), table);
        assertTrue(table.contains("443/tcp   open    tls/http   nginx 1.22.1"), table);
        assertTrue(table.contains("8080/tcp  open    http-alt?"), "a name from the port number only is marked");
        assertTrue(table.contains("subject CN=web.scan-test.invalid,O=Evil\\x1b[2J"), table);
        assertTrue(table.contains("|_ reason: host-unreach"), table);
        assertTrue(table.contains("|_ reason: no-response after 2 attempts"), table);
        assertTrue(table.chars().noneMatch(c -> c < 0x20 && c != '\n'), "no control characters reach a terminal");
    }

    @Test
    void theSchemasShipWithTheModule() {
        assertTrue(ScanReports.reportSchema().contains("\"$id\": \"" + ReportSchemas.REPORT_ID + "\""));
        assertTrue(ScanReports.eventSchema().contains("\"$id\": \"" + ReportSchemas.EVENT_ID + "\""));
    }
}
