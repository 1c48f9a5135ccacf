package dev.wirekit.scanner;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.net.UnknownHostException;
import java.util.Optional;

/** Every parser of the scanner, fed anything: a clear IllegalArgumentException or a result, nothing else. */
class ScannerFuzzTest {
    private static final HostResolver NO_DNS = host -> {
        throw new UnknownHostException(host); // fuzzing must not query a name service
    };

    @FuzzTest
    void portSpecs(String spec) {
        if (spec == null) {
            return;
        }
        try {
            PortSet set = PortSet.parse(spec);
            if (!PortSet.parse(set.toString()).equals(set)) {
                throw new AssertionError("compact form does not parse back: " + spec);
            }
        } catch (IllegalArgumentException expected) {
            // a message for the user
        }
    }

    @FuzzTest
    void targetSpecs(String spec) {
        if (spec == null) {
            return;
        }
        try {
            Targets.parse(spec, NO_DNS, 1024);
        } catch (IllegalArgumentException expected) {
            // a message for the user
        }
    }

    @FuzzTest
    void matchTables(String table) throws IOException {
        if (table == null) {
            return;
        }
        try {
            MatchTable parsed = MatchTable.parse("fuzz", new StringReader(table));
            byte[] probe = table.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            parsed.match("greeting", probe, probe.length);
        } catch (IllegalArgumentException expected) {
            // a message with the line number
        }
    }

    @FuzzTest
    void bannersAgainstTheBuiltInTable(byte[] answer) {
        if (answer == null) {
            return;
        }
        for (String evidence : new String[] {"greeting", "http"}) {
            Optional<ServiceInfo> found = MatchTable.builtIn().match(evidence, answer, answer.length);
            found.ifPresent(s -> {
                for (String field : new String[] {s.product(), s.version(), s.info()}) {
                    if (field != null && !field.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                        throw new AssertionError("unescaped text from a banner: " + field);
                    }
                }
            });
        }
    }
}
