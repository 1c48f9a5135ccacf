package dev.wirekit.scanner.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirekit.scanner.Banner;
import dev.wirekit.scanner.PortResult;
import dev.wirekit.scanner.PortState;
import dev.wirekit.scanner.Probe;
import dev.wirekit.scanner.ScanResult;
import dev.wirekit.scanner.ScanSettings;
import dev.wirekit.scanner.ServiceInfo;
import dev.wirekit.scanner.Target;
import dev.wirekit.scanner.TargetSummary;
import dev.wirekit.scanner.TlsInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of reports and events, exactly as {@code docs/protocols/scanner-report.schema.json}
 * and {@code scanner-event.schema.json} describe them. Absent values are left out, never null.
 */
public final class ReportJson {
    public static final String REPORT_SCHEMA = "https://wirekit.dev/schemas/scanner-report-1.json";
    public static final String EVENT_SCHEMA = "https://wirekit.dev/schemas/scanner-event-1.json";
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {}

    public static ObjectNode report(ScanResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", REPORT_SCHEMA);
        root.put("scanner", "wirekit");
        root.put("start", r.started().toString());
        root.put("end", r.finished().toString());
        root.put("elapsedMs", millis(r.elapsed()));
        root.set("settings", settings(r.settings()));
        ArrayNode targets = root.putArray("targets");
        for (TargetSummary s : r.targets()) {
            targets.add(summary(s));
        }
        ArrayNode ports = root.putArray("ports");
        for (PortResult p : r.ports()) {
            ports.add(port(p));
        }
        return root;
    }

    public static ObjectNode startEvent(Instant at, List<Target> targets, ScanSettings settings) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("event", "start");
        e.put("schema", EVENT_SCHEMA);
        e.put("scanner", "wirekit");
        e.put("start", at.toString());
        e.set("settings", settings(settings));
        ArrayNode list = e.putArray("targets");
        for (Target t : targets) {
            ObjectNode o = list.addObject();
            putTarget(o, t);
        }
        return e;
    }

    public static ObjectNode portEvent(PortResult p) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("event", "port");
        e.set("result", port(p));
        return e;
    }

    public static ObjectNode endEvent(ScanResult r) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("event", "end");
        e.put("end", r.finished().toString());
        e.put("elapsedMs", millis(r.elapsed()));
        ArrayNode targets = e.putArray("targets");
        for (TargetSummary s : r.targets()) {
            targets.add(summary(s));
        }
        return e;
    }

    static ObjectNode settings(ScanSettings s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("ports", s.ports().toString());
        o.put("portCount", s.ports().size());
        o.put("rate", s.rate());
        o.put("concurrency", s.concurrency());
        o.put("timeoutMs", millis(s.timeout()));
        o.put("retries", s.retries());
        o.put("banners", s.banners());
        o.put("bannerTimeoutMs", millis(s.bannerTimeout()));
        o.put("maxBannerBytes", s.maxBannerBytes());
        ArrayNode probes = o.putArray("probes");
        for (Probe p : Probe.values()) {
            if (s.probes().contains(p)) {
                probes.add(p.label());
            }
        }
        ArrayNode listed = o.putArray("listed");
        for (PortState state : PortState.values()) {
            if (s.listed().contains(state)) {
                listed.add(state.label());
            }
        }
        return o;
    }

    static ObjectNode summary(TargetSummary s) {
        ObjectNode o = MAPPER.createObjectNode();
        putTarget(o, s.target());
        o.put("open", s.open());
        o.put("closed", s.closed());
        o.put("filtered", s.filtered());
        return o;
    }

    public static ObjectNode port(PortResult p) {
        ObjectNode o = MAPPER.createObjectNode();
        putTarget(o, p.target());
        o.put("port", p.port());
        o.put("state", p.state().label());
        o.put("reason", p.reason());
        o.put("latencyMs", millis(p.latency()));
        o.put("attempts", p.attempts());
        if (p.service() != null) {
            o.set("service", service(p.service()));
        }
        if (p.banner() != null) {
            o.set("banner", banner(p.banner()));
        }
        if (p.tls() != null) {
            o.set("tls", tls(p.tls()));
        }
        return o;
    }

    private static void putTarget(ObjectNode o, Target t) {
        o.put("target", t.name() != null ? t.name() : t.addressText());
        o.put("address", t.addressText());
    }

    private static ObjectNode service(ServiceInfo s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", s.name());
        putIf(o, "product", s.product());
        putIf(o, "version", s.version());
        putIf(o, "info", s.info());
        putIf(o, "tunnel", s.tunnel());
        o.put("method", s.method());
        putIf(o, "evidence", s.evidence());
        return o;
    }

    private static ObjectNode banner(Banner b) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("evidence", b.evidence());
        o.put("text", b.text());
        o.put("length", b.length());
        o.put("truncated", b.truncated());
        o.put("binary", b.binary());
        return o;
    }

    private static ObjectNode tls(TlsInfo t) {
        ObjectNode o = MAPPER.createObjectNode();
        putIf(o, "protocol", t.protocol());
        putIf(o, "cipherSuite", t.cipherSuite());
        putIf(o, "subject", t.subject());
        putIf(o, "issuer", t.issuer());
        putIf(o, "notBefore", t.notBefore() == null ? null : t.notBefore().toString());
        putIf(o, "notAfter", t.notAfter() == null ? null : t.notAfter().toString());
        ArrayNode names = o.putArray("subjectAltNames");
        t.subjectAltNames().forEach(names::add);
        putIf(o, "sha256", t.sha256());
        o.put("selfSigned", t.selfSigned());
        o.put("chainLength", t.chainLength());
        putIf(o, "error", t.error());
        return o;
    }

    private static void putIf(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    /** Milliseconds with microsecond precision. */
    static double millis(Duration d) {
        return Math.round(d.toNanos() / 1_000.0) / 1_000.0;
    }
}
