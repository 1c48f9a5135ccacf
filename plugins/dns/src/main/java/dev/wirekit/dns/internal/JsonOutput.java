package dev.wirekit.dns.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirekit.dns.DnsMessage;
import dev.wirekit.dns.DnsQuestion;
import dev.wirekit.dns.DnsRecord;
import dev.wirekit.dns.DnsResponse;
import dev.wirekit.dns.RData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A response as JSON: the header, each section as an array of records with the presentation form
 * in {@code data} and the typed fields beside it, and how it was received.
 */
final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {}

    static String response(DnsResponse r, Instant when) {
        DnsMessage m = r.message();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("server", r.server().getHostString() + "#" + r.server().getPort());
        root.put("protocol", r.tcp() ? "tcp" : "udp");
        root.put("queryTimeMs", r.elapsed().toMillis());
        root.put("size", r.size());
        root.put("when", when.toString());
        root.put("id", m.id());
        root.put("opcode", m.opcode().mnemonic());
        root.put("status", m.rcode().mnemonic());
        ArrayNode flags = root.putArray("flags");
        for (String f : MessageText.flags(m).trim().split(" ")) {
            if (!f.isEmpty()) {
                flags.add(f);
            }
        }
        m.edns().ifPresent(e -> {
            ObjectNode edns = root.putObject("edns");
            edns.put("version", e.version());
            edns.put("udpPayloadSize", e.udpPayloadSize());
            edns.put("dnssecOk", e.dnssecOk());
        });
        ArrayNode questions = root.putArray("question");
        for (DnsQuestion q : m.questions()) {
            questions
                    .addObject()
                    .put("name", q.name().toString())
                    .put("class", q.recordClass().mnemonic())
                    .put("type", q.type().mnemonic());
        }
        section(root.putArray("answer"), m.answers());
        section(root.putArray("authority"), m.authorities());
        section(root.putArray("additional"), m.additionals());
        return root.toPrettyString();
    }

    static String error(String message, long elapsedMillis) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("error", message);
        root.put("elapsedMs", elapsedMillis);
        return root.toPrettyString();
    }

    private static void section(ArrayNode out, List<DnsRecord> records) {
        for (DnsRecord r : records) {
            ObjectNode o = out.addObject();
            o.put("name", r.name().toString());
            o.put("ttl", r.ttl());
            o.put("class", r.recordClass().mnemonic());
            o.put("type", r.type().mnemonic());
            o.put("data", r.data().toString());
            fields(o, r.data());
        }
    }

    private static void fields(ObjectNode o, RData data) {
        switch (data) {
            case RData.A a -> o.put("address", a.address().getHostAddress());
            case RData.Aaaa a -> o.put("address", a.toString());
            case RData.Cname c -> o.put("target", c.target().toString());
            case RData.Ptr p -> o.put("target", p.target().toString());
            case RData.Ns ns -> o.put("host", ns.host().toString());
            case RData.Mx mx ->
                o.put("preference", mx.preference())
                        .put("exchange", mx.exchange().toString());
            case RData.Txt txt -> {
                ArrayNode strings = o.putArray("strings");
                txt.text().forEach(strings::add);
            }
            case RData.Soa soa ->
                o.put("mname", soa.mname().toString())
                        .put("rname", soa.rname().toString())
                        .put("serial", soa.serial())
                        .put("refresh", soa.refresh())
                        .put("retry", soa.retry())
                        .put("expire", soa.expire())
                        .put("minimum", soa.minimum());
            case RData.Srv srv ->
                o.put("priority", srv.priority())
                        .put("weight", srv.weight())
                        .put("port", srv.port())
                        .put("target", srv.target().toString());
            case RData.Caa caa ->
                o.put("flags", caa.flags())
                        .put("tag", caa.tag())
                        .put("value", new String(caa.value(), StandardCharsets.UTF_8));
            case RData.Unknown u -> o.put("rdata", HexFormat.of().formatHex(u.data()));
        }
    }
}
