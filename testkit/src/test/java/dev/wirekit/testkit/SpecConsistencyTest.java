package dev.wirekit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** SPEC.md documents exactly the rules the verification classes check: no rule undocumented, none stale. */
class SpecConsistencyTest {
    private static final Pattern IN_CODE = Pattern.compile("Rule\\.verify\\(\\s*\"([A-Z]+-[0-9]+)");
    private static final Pattern IN_SPEC = Pattern.compile("^### ((?:[A-Z]+-[0-9.]+(?:, )?)+) ", Pattern.MULTILINE);

    @Test
    void everyRuleInTheCodeIsInTheSpecAndBack() throws IOException {
        TreeSet<String> code = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IN_CODE.matcher(Files.readString(file));
                while (m.find()) {
                    code.add(m.group(1));
                }
            }
        }
        code.add("F-1"); // F-1.1..F-1.3 share one parameterised rule body
        TreeSet<String> spec = new TreeSet<>();
        Matcher m = IN_SPEC.matcher(Files.readString(Path.of("SPEC.md")));
        while (m.find()) {
            for (String id : m.group(1).split(", ")) {
                spec.add(id.replaceAll("\\.[0-9]+$", ""));
            }
        }
        assertEquals(code, spec, "rules checked in code vs rules documented in testkit/SPEC.md");
    }
}
