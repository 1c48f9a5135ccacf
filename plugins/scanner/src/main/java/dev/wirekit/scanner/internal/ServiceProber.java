package dev.wirekit.scanner.internal;

import dev.wirekit.api.Connection;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.scanner.Banner;
import dev.wirekit.scanner.MatchTable;
import dev.wirekit.scanner.Probe;
import dev.wirekit.scanner.ServiceInfo;
import dev.wirekit.scanner.Target;
import dev.wirekit.scanner.TlsInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds out what runs on an open port: listens for a greeting first; when the service stays
 * silent, sends the enabled {@link Probe}s (each on a connection of its own), and inside TLS listens
 * and probes again. Answers are read up to a bound and matched against the {@link MatchTable}.
 * Runs on a virtual thread of its own per port; blocking is expected.
 */
public final class ServiceProber {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.scanner");

    /** What was learned about one port. */
    public record Findings(ServiceInfo service, Banner banner, TlsInfo tls) {}

    private final Transport transport;
    private final TransportOptions options;
    private final MatchTable table;
    private final ServiceNames names;
    private final Duration timeout;
    private final int maxBytes;
    private final Set<Probe> probes;

    public ServiceProber(
            Transport transport,
            TransportOptions options,
            MatchTable table,
            ServiceNames names,
            Duration timeout,
            int maxBytes,
            Set<Probe> probes) {
        this.transport = transport;
        this.options = options;
        this.table = table;
        this.names = names;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.probes = Set.copyOf(probes);
    }

    /** Identifies the service behind {@code first}, a connection just opened to it, which this closes. */
    public Findings identify(Target target, int port, Connection first) {
        Capture greeting = Capture.read(first::read, maxBytes, deadline());
        if (!greeting.isEmpty()) {
            finish(first, target, port, greeting, "greeting");
            return answer("greeting", greeting, port, null);
        }
        Connection reusable = greeting.ended() ? null : first;
        if (reusable == null) {
            first.close();
        }
        Capture lastAnswer = null;
        try {
            List<Probe> order = order(port);
            for (int i = 0; i < order.size(); i++) {
                Probe probe = order.get(i);
                if (probe == Probe.HTTP_HEAD) {
                    Connection c = reusable != null ? reusable : connect(target, port);
                    reusable = null;
                    if (c == null) {
                        break;
                    }
                    Capture answer = exchange(c, target, port, httpRequest(target, port, false));
                    finish(c, target, port, answer, "http");
                    if (!answer.isEmpty() && !answer.looksLikeTls()) {
                        boolean tlsNext = i + 1 < order.size() && order.get(i + 1) == Probe.TLS_HELLO;
                        if (tlsNext && pointsToTls(answer)) {
                            // a web server that wanted TLS: what it says inside tells more
                            Findings tls = tls(target, port);
                            if (tls != null) {
                                return tls;
                            }
                        }
                        return answer("http", answer, port, null);
                    }
                    lastAnswer = answer.isEmpty() ? lastAnswer : answer;
                } else {
                    if (reusable != null) {
                        reusable.close();
                        reusable = null;
                    }
                    Findings tls = tls(target, port);
                    if (tls != null) {
                        return tls;
                    }
                }
            }
        } finally {
            if (reusable != null) {
                reusable.close();
            }
        }
        return new Findings(guess(port), lastAnswer == null ? null : banner("http", lastAnswer), null);
    }

    private List<Probe> order(int port) {
        List<Probe> order = new ArrayList<>();
        if (names.usuallyTls(port)) {
            order.add(Probe.TLS_HELLO);
            order.add(Probe.HTTP_HEAD);
        } else {
            order.add(Probe.HTTP_HEAD);
            order.add(Probe.TLS_HELLO);
        }
        order.retainAll(probes);
        return order;
    }

    /** The TLS probe, and the greeting and HTTP probes inside it; null when the port does not speak TLS. */
    private Findings tls(Target target, int port) {
        Connection c = connect(target, port);
        if (c == null) {
            return null;
        }
        try {
            TlsSession.Outcome outcome = TlsSession.handshake(c, target.name(), port, deadline());
            if (outcome.info() == null) {
                c.abort();
                return null;
            }
            TlsSession session = outcome.session();
            if (session == null) {
                c.abort();
                return new Findings(tlsOnly(), null, outcome.info());
            }
            Capture inner = Capture.read(session::read, maxBytes, deadline());
            String evidence = "greeting";
            if (inner.isEmpty() && !inner.ended() && probes.contains(Probe.HTTP_HEAD)) {
                session.write(ByteBuffer.wrap(httpRequest(target, port, true)));
                inner = Capture.read(session::read, maxBytes, deadline());
                evidence = "http";
            }
            if (inner.truncated()) {
                c.abort();
                logTruncated(target, port, evidence + " inside TLS");
            } else {
                session.close();
                c.close();
            }
            if (inner.isEmpty()) {
                return new Findings(tlsOnly(), null, outcome.info());
            }
            Findings found = answer(evidence, inner, port, outcome.info());
            ServiceInfo service =
                    found.service().method().equals("probe") ? found.service().overTls() : tlsOnly();
            return new Findings(service, found.banner(), outcome.info());
        } catch (IOException | RuntimeException e) {
            c.abort();
            LOG.log(System.Logger.Level.DEBUG, "TLS probe of " + target.withPort(port) + " failed: " + e);
            return null;
        }
    }

    private Capture exchange(Connection c, Target target, int port, byte[] request) {
        try {
            c.write(ByteBuffer.wrap(request));
        } catch (IOException e) {
            return new Capture(new byte[0], false, true, e.getMessage());
        }
        return Capture.read(c::read, maxBytes, deadline());
    }

    /** What an answer identifies; the port's usual name when no rule matches. */
    private Findings answer(String evidence, Capture capture, int port, TlsInfo tls) {
        ServiceInfo service =
                table.match(evidence, capture.bytes(), capture.length()).orElse(null);
        return new Findings(service != null ? service : guess(port), banner(evidence, capture), tls);
    }

    private Banner banner(String evidence, Capture capture) {
        return new Banner(
                evidence,
                Printable.escape(capture.bytes(), capture.length()),
                capture.length(),
                capture.truncated(),
                Printable.isBinary(capture.bytes(), capture.length()));
    }

    private ServiceInfo guess(int port) {
        return names.name(port).map(ServiceInfo::fromPort).orElse(null);
    }

    private static ServiceInfo tlsOnly() {
        return new ServiceInfo("tls", null, null, null, null, "probe", "tls");
    }

    /**
     * Whether a web server's answer suggests it wanted TLS: nginx and Apache answer plain HTTP on a
     * TLS port with 400 Bad Request (their page that says so has no body in answer to HEAD).
     */
    private static boolean pointsToTls(Capture answer) {
        String text = new String(answer.bytes(), StandardCharsets.ISO_8859_1);
        return text.startsWith("HTTP/1.1 400 ")
                || text.startsWith("HTTP/1.0 400 ")
                || text.contains("sent to HTTPS port")
                || text.contains("speaking plain HTTP to an SSL-enabled");
    }

    private void finish(Connection c, Target target, int port, Capture capture, String evidence) {
        if (capture.truncated()) {
            c.abort(); // stop a flood at once
            logTruncated(target, port, evidence);
        } else {
            c.close();
        }
    }

    private void logTruncated(Target target, int port, String evidence) {
        LOG.log(
                System.Logger.Level.INFO,
                target.withPort(port) + " sent more than " + maxBytes + " bytes (" + evidence
                        + "); reading stopped there and the connection was reset");
    }

    private Connection connect(Target target, int port) {
        try {
            return transport.connect(new InetSocketAddress(target.address(), port), options);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "probe connection to " + target.withPort(port) + " failed: " + e);
            return null;
        }
    }

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** The HTTP probe: a HEAD request for the root, asking the server to close afterwards. */
    static byte[] httpRequest(Target target, int port, boolean tls) {
        String host = target.name() != null
                ? target.name()
                : target.address() instanceof java.net.Inet6Address
                        ? "[" + target.addressText() + "]"
                        : target.addressText();
        boolean defaultPort = tls ? port == 443 : port == 80;
        return ("HEAD / HTTP/1.1\r\nHost: " + host + (defaultPort ? "" : ":" + port)
                        + "\r\nUser-Agent: wirekit-scanner\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
