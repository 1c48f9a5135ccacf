package dev.wirekit.scanner;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirekit.scanner.internal.ReportJson;
import dev.wirekit.scanner.internal.TableFormatter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Writes scan results: a human table, a JSON report, and a JSON Lines stream written while the scan
 * runs. The JSON shapes are documented by the JSON Schemas {@code scanner-report.schema.json} and
 * {@code scanner-event.schema.json}, shipped in this package (see {@link #reportSchema()}) and in
 * {@code docs/protocols/}.
 *
 * <p>Every text a remote service chose (banners, certificate names, versions) is escaped to
 * printable ASCII before it gets here; JSON escaping comes on top.
 */
public final class ScanReports {
    private ScanReports() {}

    /** The human report: per target, a table of the listed ports with banners and TLS details. */
    public static String table(ScanResult result) {
        return TableFormatter.format(result);
    }

    /** The JSON report as text, indented. */
    public static String toJson(ScanResult result) {
        try {
            return ReportJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ReportJson.report(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the JSON report to {@code out} (UTF-8, indented), which stays open. */
    public static void writeJson(ScanResult result, OutputStream out) throws IOException {
        ReportJson.MAPPER
                .writerWithDefaultPrettyPrinter()
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, ReportJson.report(result));
        out.write('\n');
        out.flush();
    }

    /**
     * A listener that writes one JSON object per line to {@code out} as the scan runs, flushing
     * after each: a {@code start} event, a {@code port} event for each port in a listed state as it
     * settles, and an {@code end} event with the counts. {@code out} stays open; a write that fails
     * stops the stream (the scan goes on) and is reported by {@link JsonLines#failure()}.
     */
    public static JsonLines jsonLines(OutputStream out) {
        return new JsonLines(out);
    }

    /** The JSON Schema of the report, as text. */
    public static String reportSchema() {
        return resource("scanner-report.schema.json");
    }

    /** The JSON Schema of one JSON Lines event, as text. */
    public static String eventSchema() {
        return resource("scanner-event.schema.json");
    }

    private static String resource(String name) {
        try (var in = ScanReports.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the scanner module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON Lines writer: a {@link ScanListener}. */
    public static final class JsonLines implements ScanListener {
        private final OutputStream out;
        private Set<PortState> listed = Set.of(PortState.OPEN);
        private IOException failure;

        private JsonLines(OutputStream out) {
            this.out = out;
        }

        /** The write that failed, if one did. */
        public synchronized IOException failure() {
            return failure;
        }

        @Override
        public synchronized void started(Instant at, List<Target> targets, ScanSettings settings) {
            listed = settings.listed();
            write(ReportJson.startEvent(at, targets, settings));
        }

        @Override
        public synchronized void portDone(PortResult result) {
            if (listed.contains(result.state())) {
                write(ReportJson.portEvent(result));
            }
        }

        @Override
        public synchronized void finished(ScanResult result) {
            write(ReportJson.endEvent(result));
        }

        private void write(ObjectNode event) {
            if (failure != null) {
                return;
            }
            try {
                out.write(ReportJson.MAPPER.writeValueAsBytes(event));
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                failure = e;
            }
        }
    }
}
