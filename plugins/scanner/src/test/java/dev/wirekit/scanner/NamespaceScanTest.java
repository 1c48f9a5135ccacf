package dev.wirekit.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirekit.api.Transport;
import dev.wirekit.scanner.internal.Printable;
import dev.wirekit.scanner.internal.Ticker;
import dev.wirekit.testkit.doubles.CommandHarness;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scans listeners this test starts inside a network namespace it creates (never anything else on
 * the machine), and compares with nmap on the same namespace: an HTTP server (nginx), an SSH-like
 * greeting, an SMTP-like greeting, two TLS servers (openssl s_server, nginx over TLS), a silent
 * port, a port that sends binary garbage and one that floods; one port behind an iptables DROP and
 * one behind a REJECT with an ICMP host-unreachable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceScanTest {
    private static final String SSH_BANNER = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n";
    private static final String SMTP_BANNER = "220 mail.scan-test.invalid ESMTP Postfix (Debian/GNU)\r\n";
    private static final String CERT_CN = "scan-test.wirekit.invalid";
    private static final List<Integer> LISTENING = List.of(22, 80, 443, 2525, 4443, 4444, 5555, 9999);
    private static final String PORTS = "1-1024,2525,4443,4444,5555,8443,8444,9999";
    private static final int MAX_BANNER = 8192;

    private NetworkNamespace ns;
    private byte[] garbage;
    private String nginxVersion;
    private String certSubject;
    private Transport transport;

    @BeforeAll
    void startListeners() throws Exception {
        var missing = NetworkNamespace.unavailable();
        assumeTrue(missing.isEmpty(), () -> missing.get());
        for (String tool : List.of("socat", "openssl", "nginx", "iptables")) {
            assumeTrue(
                    NetworkNamespace.onPath(tool),
                    tool + " is not installed (Debian: socat, openssl, nginx-light," + " iptables); skipped");
        }
        ns = NetworkNamespace.create();
        Path dir = ns.dir;
        NetworkNamespace.run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                dir.resolve("key.pem").toString(),
                "-out",
                dir.resolve("cert.pem").toString(),
                "-days",
                "2",
                "-subj",
                "/CN=" + CERT_CN + "/O=Wirekit Test",
                "-addext",
                "subjectAltName=DNS:" + CERT_CN);
        garbage = new byte[3000];
        new Random(42).nextBytes(garbage);
        byte[] escape = "\u001b]0;pwned\u0007\u001b[2J".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(escape, 0, garbage, 10, escape.length); // a terminal-control attempt, too
        Files.write(dir.resolve("garbage.bin"), garbage);
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/index.html"), "<h1>scan test</h1>\n");
        Files.writeString(dir.resolve("nginx.conf"), nginxConfig(dir));
        certSubject = NetworkNamespace.run(
                        "openssl",
                        "x509",
                        "-noout",
                        "-subject",
                        "-nameopt",
                        "RFC2253",
                        "-in",
                        dir.resolve("cert.pem").toString())
                .strip()
                .replaceFirst("^subject=\\s*", "");
        nginxVersion = NetworkNamespace.run("nginx", "-v").replaceAll("(?s).*nginx/([0-9.]+).*", "$1");

        Process nginx = ns.start(
                "nginx",
                "nginx",
                "-p",
                dir.toString(),
                "-c",
                dir.resolve("nginx.conf").toString(),
                "-e",
                dir.resolve("nginx-error.log").toString());
        listen(80, nginx);
        listen(4443, nginx);
        Files.writeString(dir.resolve("ssh.txt"), SSH_BANNER);
        Files.writeString(dir.resolve("smtp.txt"), SMTP_BANNER);
        listen(22, socat("ssh", 22, "cat " + dir.resolve("ssh.txt") + "; exec cat >/dev/null"));
        listen(2525, socat("smtp", 2525, "cat " + dir.resolve("smtp.txt") + "; exec cat >/dev/null"));
        listen(9999, socat("silent", 9999, "exec cat >/dev/null"));
        listen(4444, socat("garbage", 4444, "cat " + dir.resolve("garbage.bin") + "; exec cat >/dev/null"));
        listen(5555, socat("flood", 5555, "exec yes flood flood flood flood"));
        listen(8443, socat("dropped", 8443, "exec cat >/dev/null"));
        listen(8444, socat("rejected", 8444, "exec cat >/dev/null"));
        listen(
                443,
                ns.start(
                        "s_server",
                        "openssl",
                        "s_server",
                        "-accept",
                        "443",
                        "-cert",
                        dir.resolve("cert.pem").toString(),
                        "-key",
                        dir.resolve("key.pem").toString(),
                        "-www",
                        "-quiet"));
        ns.exec("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "8443", "-j", "DROP");
        ns.exec(
                "iptables",
                "-A",
                "INPUT",
                "-p",
                "tcp",
                "--dport",
                "8444",
                "-j",
                "REJECT",
                "--reject-with",
                "icmp-host-unreachable");
        transport = Transport.load("nio");
    }

    @AfterAll
    void stop() {
        if (transport != null) {
            transport.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    /** A socat listener that runs {@code shell} (written to a script: socat's own parser splits on ':' and ',') per connection. */
    private Process socat(String label, int port, String shell) throws Exception {
        Path script = ns.dir.resolve(label + ".sh");
        Files.writeString(script, shell + "\n");
        return ns.start(label, "socat", "TCP6-LISTEN:" + port + ",fork,reuseaddr,ipv6only=0", "EXEC:sh " + script);
    }

    private void listen(int port, Process process) throws Exception {
        ns.awaitListening(port, process);
    }

    private static String nginxConfig(Path dir) {
        String d = dir.toString();
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                events { worker_connections 128; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen [::]:80 ipv6only=off;
                        listen [::]:4443 ssl ipv6only=off;
                        ssl_protocols TLSv1.2;
                        ssl_certificate %1$s/cert.pem;
                        ssl_certificate_key %1$s/key.pem;
                        root %1$s/www;
                    }
                }
                """.formatted(d);
    }

    private PortScanner.Builder scanner() {
        return PortScanner.builder()
                .transport(transport)
                .target(ns.inside.getHostAddress())
                .timeout(Duration.ofSeconds(1))
                .retries(1)
                .bannerTimeout(Duration.ofSeconds(2))
                .maxBannerBytes(MAX_BANNER);
    }

    @Test
    void openPortsMatchNmapAndEveryServiceIsIdentified() throws Exception {
        assumeTrue(Nmap.available(), "nmap is not installed (Debian: nmap); skipped");
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        ScanResult result = scanner().ports(PORTS).banners(true).build().scan(ScanReports.jsonLines(events));
        Map<Integer, String> nmap = Nmap.connectScan(ns.inside, PORTS, "--max-retries", "1");

        Target target = result.targets().get(0).target();
        assertEquals(LISTENING, Arrays.stream(result.openPorts(target)).boxed().toList(), "our open ports");
        assertEquals(
                Nmap.open(nmap), Arrays.stream(result.openPorts(target)).boxed().toList(), "nmap's open ports");
        TargetSummary summary = result.targets().get(0);
        assertEquals(2, summary.filtered(), "8443 (DROP) and 8444 (REJECT)");
        assertEquals(PortSet.parse(PORTS).size() - LISTENING.size() - 2, summary.closed());

        Map<Integer, PortResult> ports =
                result.ports().stream().collect(Collectors.toMap(PortResult::port, Function.identity()));
        PortResult ssh = ports.get(22);
        assertEquals("ssh", ssh.service().name());
        assertEquals("OpenSSH", ssh.service().product());
        assertEquals("9.2p1", ssh.service().version());
        assertEquals("protocol 2.0", ssh.service().info());
        assertEquals("greeting", ssh.banner().evidence());
        assertEquals(SSH_BANNER, new String(Printable.unescape(ssh.banner().text()), StandardCharsets.US_ASCII));

        PortResult http = ports.get(80);
        assertEquals("http", http.service().name());
        assertEquals("nginx", http.service().product(), http.banner().text());
        assertEquals(nginxVersion, http.service().version());
        assertEquals("http", http.banner().evidence());
        assertTrue(
                http.banner().text().startsWith("HTTP/1.1 200 OK\\r\\n"),
                http.banner().text());
        assertNull(http.tls());

        PortResult smtp = ports.get(2525);
        assertEquals("smtp", smtp.service().name());
        assertEquals("Postfix smtpd", smtp.service().product());
        assertEquals("Debian/GNU", smtp.service().info());

        PortResult sServer = ports.get(443);
        assertEquals("tls", sServer.service().name(), "openssl s_server says nothing inside TLS to HEAD");
        assertCertificate(sServer.tls(), "TLSv1.3");

        PortResult nginxTls = ports.get(4443);
        assertEquals("http", nginxTls.service().name());
        assertEquals("tls", nginxTls.service().tunnel());
        assertEquals("nginx", nginxTls.service().product());
        assertCertificate(nginxTls.tls(), "TLSv1.2"); // this nginx is told to offer 1.2 only

        PortResult silent = ports.get(9999);
        assertNull(silent.banner(), "a silent port has no banner");
        assertNull(silent.tls());
        assertTrue(silent.service() == null || silent.service().method().equals("port"), "nothing identified it");

        PortResult junk = ports.get(4444);
        assertTrue(junk.banner().binary(), "random bytes are reported as binary");
        assertFalse(junk.banner().truncated());
        assertEquals(garbage.length, junk.banner().length());
        assertTrue(junk.banner().text().chars().allMatch(c -> c >= 0x20 && c < 0x7F), "escaped to printable ASCII");
        assertTrue(Arrays.equals(garbage, Printable.unescape(junk.banner().text())), "and reversibly");

        PortResult flood = ports.get(5555);
        assertTrue(flood.banner().truncated(), "a flood is cut at the bound");
        assertEquals(MAX_BANNER, flood.banner().length());
        assertTrue(flood.banner().text().startsWith("flood flood flood flood\\n"));

        assertReportAndEventsValid(result, events);
    }

    private void assertCertificate(TlsInfo tls, String protocol) {
        assertNotNull(tls, "the TLS probe read a certificate");
        assertEquals(certSubject, tls.subject(), "the subject as openssl x509 -nameopt RFC2253 shows it");
        assertEquals(tls.subject(), tls.issuer());
        assertTrue(tls.selfSigned());
        assertEquals(List.of("DNS:" + CERT_CN), tls.subjectAltNames());
        assertEquals(protocol, tls.protocol());
        assertNull(tls.error());
        assertEquals(64, tls.sha256().length());
    }

    private static void assertReportAndEventsValid(ScanResult result, ByteArrayOutputStream events) {
        String json = ScanReports.toJson(result);
        assertEquals(List.of(), ReportSchemas.reportErrors(json), json);
        List<String> lines = events.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).contains("\"event\":\"start\""), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).contains("\"event\":\"end\""));
        assertEquals(LISTENING.size() + 2, lines.size(), "start, one line per open port, end");
        for (String line : lines) {
            assertEquals(List.of(), ReportSchemas.eventErrors(line), line);
        }
    }

    @Test
    void closedAndFilteredPortsAreClassifiedWithTheirReasons() throws Exception {
        ScanResult result = scanner()
                .ports("7,22,8443,8444")
                .list(EnumSet.allOf(PortState.class))
                .build()
                .scan();
        Map<Integer, PortResult> ports =
                result.ports().stream().collect(Collectors.toMap(PortResult::port, Function.identity()));
        assertEquals(PortState.CLOSED, ports.get(7).state());
        assertEquals("conn-refused", ports.get(7).reason());
        assertEquals(PortState.OPEN, ports.get(22).state());
        assertEquals(PortState.FILTERED, ports.get(8443).state());
        assertEquals("no-response", ports.get(8443).reason());
        assertEquals(2, ports.get(8443).attempts(), "a port that does not answer is tried once more");
        assertTrue(ports.get(8443).latency().compareTo(Duration.ofSeconds(1)) >= 0, "it waited the timeout");
        assertEquals(PortState.FILTERED, ports.get(8444).state());
        assertEquals("host-unreach", ports.get(8444).reason());
        assertEquals(1, ports.get(8444).attempts(), "an ICMP unreachable is an answer: no retry");

        assumeTrue(Nmap.available(), "nmap is not installed (Debian: nmap); the comparison is skipped");
        Map<Integer, String> nmap = Nmap.connectScan(ns.inside, "7,22,8443,8444", "--max-retries", "1");
        assertEquals(Map.of(7, "closed", 22, "open", 8443, "filtered", 8444, "filtered"), nmap, "nmap agrees");
    }

    @Test
    void ipv6TargetsAreScannedLikeIpv4() throws Exception {
        String address = "[" + ns.inside6.getHostAddress() + "]";
        ScanResult result = PortScanner.builder()
                .transport(transport)
                .target(address)
                .ports("7,22,80,443")
                .build()
                .scan();
        Target target = result.targets().get(0).target();
        assertEquals(ns.inside6, target.address());
        assertEquals(
                List.of(22, 80, 443),
                Arrays.stream(result.openPorts(target)).boxed().toList());
        assertEquals(1, result.targets().get(0).closed());
        assumeTrue(Nmap.available(), "nmap is not installed (Debian: nmap); the comparison is skipped");
        assertEquals(List.of(22, 80, 443), Nmap.open(Nmap.connectScan(ns.inside6, "7,22,80,443")));
    }

    @Test
    void scanCommandPrintsTableAndWritesValidReports() throws Exception {
        Path json = ns.dir.resolve("report.json");
        Path jsonl = ns.dir.resolve("events.jsonl");
        CommandHarness.Result run = CommandHarness.run(
                new ScanCommand().command(),
                transport,
                Map.of(
                        "targets", List.of(ns.inside.getHostAddress()),
                        "ports", "7,22,2525,8443",
                        "banners", "true",
                        "json", json.toString(),
                        "jsonl", jsonl.toString(),
                        "verbose", "true",
                        "timeout", "1s",
                        "retries", "0",
                        "banner-timeout", "2s",
                        "show", "open,filtered"),
                "");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("22/tcp    open      ssh "), run.out());
        assertTrue(run.out().contains("2525/tcp  open      smtp"), run.out());
        assertTrue(run.out().contains("8443/tcp  filtered"), run.out());
        assertTrue(run.out().contains("Not shown: 1 closed (conn-refused)"), run.out());
        assertTrue(run.err().contains(ns.inside.getHostAddress() + ":22 open: the connection was accepted"), run.err());
        assertTrue(run.err().contains(":8443 filtered: no answer within"), run.err());
        assertTrue(run.err().contains("done: " + ns.inside.getHostAddress() + ": 2 open, 1 closed"), run.err());
        assertEquals(List.of(), ReportSchemas.reportErrors(Files.readString(json)));
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(5, lines.size(), "start, 22, 2525, 8443, end: " + lines);
        for (String line : lines) {
            assertEquals(List.of(), ReportSchemas.eventErrors(line), line);
        }
    }

    @Test
    void theBlockingTransportFindsTheSameStates() throws Exception {
        String ports = "7,22,80,443,2525,8443,8444";
        Map<Integer, PortState> viaNio = states(scanner()
                .ports(ports)
                .list(EnumSet.allOf(PortState.class))
                .build()
                .scan());
        try (Transport blocking = Transport.load("blocking")) {
            Map<Integer, PortState> viaBlocking = states(scanner()
                    .transport(blocking)
                    .ports(ports)
                    .list(EnumSet.allOf(PortState.class))
                    .build()
                    .scan());
            assertEquals(viaNio, viaBlocking);
        }
        assertEquals(PortState.FILTERED, viaNio.get(8443));
        assertEquals(PortState.CLOSED, viaNio.get(7));
    }

    private static Map<Integer, PortState> states(ScanResult result) {
        return result.ports().stream().collect(Collectors.toMap(PortResult::port, PortResult::state));
    }

    @Test
    void anInterruptedScanStopsAfterTheAttemptsUnderWay() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        PortScanner scanner = scanner()
                .ports("8443") // dropped: every attempt waits out its timeout
                .retries(10)
                .build();
        java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
        Thread scanning = Thread.ofVirtual().start(() -> {
            try {
                scanner.scan(new ScanListener() {
                    @Override
                    public void started(java.time.Instant at, List<Target> targets, ScanSettings settings) {
                        started.countDown();
                    }
                });
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        assertTrue(started.await(30, java.util.concurrent.TimeUnit.SECONDS));
        scanning.interrupt();
        Throwable t = outcome.get(30, java.util.concurrent.TimeUnit.SECONDS); // 11 attempts would take 11 s
        assertTrue(t instanceof InterruptedException, String.valueOf(t));
    }

    @Test
    void theRateLimitPacesAttempts() throws Exception {
        FakeTicker ticker = new FakeTicker();
        ScanResult result =
                scanner().ports("20000-20199").rate(50).ticker(ticker).build().scan();
        assertEquals(200, result.targets().get(0).closed());
        // 50 per second with a burst of 5: the 200th attempt may start 195 / 50 s after the first
        assertEquals(Duration.ofMillis(3900), Duration.ofNanos(ticker.now()), "time the scan had to wait");
    }

    /** Time that moves only when someone waits for it. */
    static final class FakeTicker implements Ticker {
        private long now;

        synchronized long now() {
            return now;
        }

        @Override
        public synchronized long nanoTime() {
            return now;
        }

        @Override
        public synchronized void sleepUntil(long deadline) {
            now = Math.max(now, deadline);
        }
    }
}
