package dev.wirekit.testkit.wire;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * The black-box suites and their runner: checks a live server against a suite's rules through the
 * JUnit Platform launcher, printing one line per rule, and writing JUnit XML and a JSON summary.
 *
 * <pre>{@code
 * try (Transport transport = Transport.load()) {
 *     SuiteReport report = WireSuites.run("echo",
 *             WireTarget.of(new InetSocketAddress("127.0.0.1", 7007), transport),
 *             Path.of("target/testkit"), System.out);
 * }
 * }</pre>
 */
public final class WireSuites {
    private static final Map<String, Class<? extends WireSuite>> SUITES = new LinkedHashMap<>();
    private static final Map<Class<? extends WireSuite>, List<Fact>> FACTS = new LinkedHashMap<>();
    private static final Map<String, WireTarget> RUNS = new ConcurrentHashMap<>();
    private static final Pattern RULE_METHOD = Pattern.compile("(?:required|optional)_([A-Z]+)(\\d+)(?:_(\\d+))?_\\w+");

    static {
        register("echo", EchoSuite.class, List.of());
        register("time", TimeSuite.class, List.of());
        register("calc", CalcSuite.class, List.of());
        register("chat", ChatSuite.class, List.of());
        register("dns", DnsSuite.class, DnsSuite.FACTS);
        register("http", HttpSuite.class, HttpSuite.FACTS);
        register("file", FileSuite.class, FileSuite.FACTS);
    }

    private static void register(String name, Class<? extends WireSuite> suite, List<Fact> facts) {
        SUITES.put(name, suite);
        FACTS.put(suite, facts);
    }

    private WireSuites() {}

    /** The suites there are, by name. */
    public static Set<String> names() {
        return SUITES.keySet();
    }

    /** The suite called {@code name}. */
    public static Class<? extends WireSuite> suite(String name) {
        Class<? extends WireSuite> suite = SUITES.get(name);
        if (suite == null) {
            throw new IllegalArgumentException(
                    "no wire suite named '" + name + "'; there are: " + String.join(", ", names()));
        }
        return suite;
    }

    /** The facts suite {@code name} relies on, with their documented defaults. */
    public static List<Fact> facts(String name) {
        return facts(suite(name));
    }

    /** The facts of {@code suite} or of the registered suite it extends. */
    static List<Fact> facts(Class<?> suite) {
        for (Class<?> c = suite; c != null; c = c.getSuperclass()) {
            List<Fact> facts = FACTS.get(c);
            if (facts != null) {
                return facts;
            }
        }
        return List.of();
    }

    /** The rule numbers of suite {@code name}, in the order they run. */
    public static List<String> rules(String name) {
        return ruleMethods(suite(name)).keySet().stream().toList();
    }

    private static Map<String, Method> ruleMethods(Class<? extends WireSuite> suite) {
        List<Method> methods = new ArrayList<>(List.of(suite.getMethods()));
        methods.sort(java.util.Comparator.comparing(m -> dev.wirekit.testkit.RuleOrder.sortKey(m.getName())));
        Map<String, Method> byRule = new LinkedHashMap<>();
        for (Method m : methods) {
            Matcher matcher = RULE_METHOD.matcher(m.getName());
            if (matcher.matches()) {
                byRule.put(
                        matcher.group(1) + "-" + matcher.group(2)
                                + (matcher.group(3) == null ? "" : "." + matcher.group(3)),
                        m);
            }
        }
        return byRule;
    }

    static WireTarget registered(String run) {
        return RUNS.get(run);
    }

    /**
     * Runs suite {@code name} against {@code target}. Prints one line per rule to {@code console};
     * when {@code reportDir} is not null, writes {@code TEST-wirekit-testkit-NAME.xml} (JUnit XML)
     * and {@code wirekit-testkit-NAME.json} there (another run of the same suite replaces them).
     */
    public static SuiteReport run(String name, WireTarget target, Path reportDir, PrintStream console)
            throws IOException {
        return run(name, target, reportDir, console, List.of());
    }

    /**
     * Runs only the rules numbered in {@code rules} (such as {@code DNS-13}) of suite {@code name}
     * against {@code target}; all of them when {@code rules} is empty. Fails before anything
     * connects when a rule or a fact of the target is not the suite's.
     */
    public static SuiteReport run(
            String name, WireTarget target, Path reportDir, PrintStream console, Collection<String> rules)
            throws IOException {
        Class<? extends WireSuite> suite = suite(name);
        List<String> known = facts(suite).stream().map(Fact::name).toList();
        for (String fact : target.facts().keySet()) {
            if (!known.contains(fact)) {
                throw new IllegalArgumentException("the " + name + " suite has no fact '" + fact + "'; its facts are: "
                        + (known.isEmpty() ? "(none)" : String.join(", ", known)));
            }
        }
        List<DiscoverySelector> selectors = new ArrayList<>();
        if (rules.isEmpty()) {
            selectors.add(selectClass(suite));
        } else {
            Map<String, Method> byRule = ruleMethods(suite);
            for (String rule : rules) {
                Method m = byRule.get(rule);
                if (m == null) {
                    throw new IllegalArgumentException("the " + name + " suite has no rule '" + rule
                            + "'; its rules are: " + String.join(", ", byRule.keySet()));
                }
                selectors.add(selectMethod(suite, m));
            }
        }
        String run = UUID.randomUUID().toString();
        RUNS.put(run, target);
        Instant started = Instant.now();
        console.println("wirekit testkit " + version() + ": " + name + " suite against " + target);
        ResultCollector collector = new ResultCollector(console);
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .configurationParameter(WireSuite.RUN_PARAMETER, run)
                    .build();
            Launcher launcher = LauncherFactory.create();
            if (reportDir != null) {
                // the JUnit listener names its file after the engine: write it aside, then name it
                // after the suite, so several suites can report into one directory
                Path scratch = Files.createDirectories(reportDir.resolve(".wirekit-testkit-" + run));
                PrintWriter xmlErrors = new PrintWriter(console, true, StandardCharsets.UTF_8);
                try {
                    launcher.execute(request, collector, new LegacyXmlReportGeneratingListener(scratch, xmlErrors));
                    try (var files = Files.list(scratch)) {
                        for (Path xml : files.toList()) {
                            Files.move(
                                    xml,
                                    reportDir.resolve("TEST-wirekit-testkit-" + name + ".xml"),
                                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                } finally {
                    try (var left = Files.list(scratch)) {
                        for (Path p : left.toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                    Files.deleteIfExists(scratch);
                }
            } else {
                launcher.execute(request, collector);
            }
        } finally {
            RUNS.remove(run);
        }
        int passed = count(collector, SuiteReport.Status.PASSED);
        int failed = count(collector, SuiteReport.Status.FAILED);
        int skipped = count(collector, SuiteReport.Status.SKIPPED);
        SuiteReport report = new SuiteReport(
                name,
                target.toString(),
                version(),
                jarSha256(),
                started,
                Instant.now(),
                passed,
                failed,
                skipped,
                collector.results);
        console.printf(
                "%d rules: %d passed, %d failed, %d skipped%n", passed + failed + skipped, passed, failed, skipped);
        if (reportDir != null) {
            Path json = reportDir.resolve("wirekit-testkit-" + name + ".json");
            json().writeValue(json.toFile(), report);
            console.println("reports: " + reportDir.toAbsolutePath() + " (JUnit XML, " + json.getFileName() + ")");
        }
        return report;
    }

    private static int count(ResultCollector collector, SuiteReport.Status status) {
        return (int)
                collector.results.stream().filter(r -> r.status() == status).count();
    }

    /** The JSON mapper of the summary: ISO-8601 instants, indented. */
    public static ObjectMapper json() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The testkit's version. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = WireSuites.class.getResourceAsStream("testkit.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // unknown
        }
        return p.getProperty("version", "(development)");
    }

    /** The SHA-256 of the jar this class was loaded from, or null when it was not loaded from a jar. */
    public static String jarSha256() {
        try {
            Path location = Path.of(WireSuites.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!Files.isRegularFile(location)) {
                return null;
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(location)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            return null;
        }
    }
}
