package dev.wirekit.http.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirekit.http.testing.Nginx;
import dev.wirekit.http.testing.ServerFixture;
import dev.wirekit.http.testing.TestSite;
import dev.wirekit.http.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The conformance rules against Wirekit's server (both transports) and against nginx. */
class HttpConformanceTest {
    private static final byte[] HELLO = TestSite.HELLO.getBytes(StandardCharsets.ISO_8859_1);

    private static Stream<DynamicTest> run(String server, HttpConformanceChecks checks, List<String> report) {
        return checks.rules().stream()
                .map(rule -> DynamicTest.dynamicTest(server + " " + rule.id() + " " + rule.title(), () -> {
                    HttpConformanceChecks.Result result = checks.run(rule);
                    report.add(server + ": " + result);
                    assertTrue(result.passed(), result.toString());
                }));
    }

    @TestFactory
    Stream<DynamicTest> wirekitOnBothTransports() throws Exception {
        List<DynamicTest> all = new ArrayList<>();
        for (String transport : List.of("nio", "blocking")) {
            TestSite site = new TestSite();
            ServerFixture f = ServerFixture.start(transport, site);
            HttpConformanceChecks checks = new HttpConformanceChecks(
                    new HttpConformanceChecks.Target(f.address(), "/hello.txt", HELLO, "/no-such-file"));
            List<String> report = new ArrayList<>();
            run("wirekit-" + transport, checks, report).forEach(all::add);
            all.add(DynamicTest.dynamicTest("wirekit-" + transport + " stop", () -> {
                f.close();
                site.close();
            }));
        }
        return all.stream();
    }

    @TestFactory
    Stream<DynamicTest> nginx() throws Exception {
        Assumptions.assumeTrue(Tools.installed("nginx"), "nginx is not installed (Debian package nginx-light)");
        TestSite site = new TestSite();
        Nginx nginx = Nginx.start(site.root(), "");
        HttpConformanceChecks checks = new HttpConformanceChecks(
                new HttpConformanceChecks.Target(nginx.address(), "/hello.txt", HELLO, "/no-such-file"));
        List<String> report = new ArrayList<>();
        return Stream.concat(run("nginx", checks, report), Stream.of(DynamicTest.dynamicTest("nginx stop", () -> {
            nginx.close();
            site.close();
        })));
    }
}
