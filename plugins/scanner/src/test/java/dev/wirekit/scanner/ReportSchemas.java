package dev.wirekit.scanner;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;

/** Validates reports and events against the published JSON Schemas, with networknt's validator. */
final class ReportSchemas {
    static final String REPORT_ID = "https://wirekit.dev/schemas/scanner-report-1.json";
    static final String EVENT_ID = "https://wirekit.dev/schemas/scanner-event-1.json";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemas(Map.of(REPORT_ID, ScanReports.reportSchema(), EVENT_ID, ScanReports.eventSchema())));
    private static final Schema REPORT = REGISTRY.getSchema(SchemaLocation.of(REPORT_ID));
    private static final Schema EVENT = REGISTRY.getSchema(SchemaLocation.of(EVENT_ID));

    private ReportSchemas() {}

    /** What is wrong with {@code json} as a report; empty when it is valid. */
    static List<String> reportErrors(String json) {
        return errors(REPORT, json);
    }

    /** What is wrong with one JSON Lines event; empty when it is valid. */
    static List<String> eventErrors(String line) {
        return errors(EVENT, line);
    }

    private static List<String> errors(Schema schema, String json) {
        return schema
                .validate(
                        json,
                        InputFormat.JSON,
                        (context, schemaContext) -> context.executionConfig(c -> c.formatAssertionsEnabled(true)))
                .stream()
                .map(Object::toString)
                .toList();
    }
}
