package dev.wirekit.dns.internal;

import dev.wirekit.api.ClientSession;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.framing.Framers;
import dev.wirekit.dns.DnsFormatException;
import dev.wirekit.dns.DnsFramers;
import dev.wirekit.dns.DnsMessage;
import dev.wirekit.dns.DnsQuestion;
import dev.wirekit.dns.DnsResponse;
import dev.wirekit.dns.Edns;
import dev.wirekit.dns.ResponseCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one question to a list of servers until one answers usefully: a stub resolver's loop
 * (RFC 1035 §7, RFC 5452). Each UDP query goes from a fresh socket (a random source port chosen by
 * the operating system) with a random ID; a datagram that does not carry that ID and question is
 * ignored, up to {@value #MAX_IGNORED} of them. A truncated answer is asked again over TCP. A
 * server that fails (SERVFAIL, REFUSED, NOTIMP, or no answer in time) makes the next one be asked;
 * a server that rejects EDNS (FORMERR, NOTIMP) is asked again without it.
 */
public final class Exchange {
    private static final System.Logger LOG = System.getLogger("dev.wirekit.dns.resolver");
    /** Stray datagrams tolerated per attempt before the server is given up. */
    static final int MAX_IGNORED = 64;

    /** How a resolver asks. */
    public record Settings(
            List<InetSocketAddress> servers,
            Duration timeout,
            int attempts,
            boolean rotate,
            boolean tcpOnly,
            int ednsPayloadSize,
            boolean recursionDesired,
            TransportOptions datagramOptions,
            TransportOptions streamOptions,
            InstantSource clock) {
        public Settings {
            servers = List.copyOf(servers);
        }
    }

    private final Transport transport;
    private final Settings settings;
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger next = new AtomicInteger();

    public Exchange(Transport transport, Settings settings) {
        this.transport = transport;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The first useful response to {@code question}, or the last failure response when every server
     * failed.
     *
     * @throws SocketTimeoutException when no server answered at all
     * @throws IOException when no server could even be reached
     */
    public DnsResponse ask(DnsQuestion question) throws IOException {
        List<InetSocketAddress> servers = settings.servers();
        int start = settings.rotate() ? Math.floorMod(next.getAndIncrement(), servers.size()) : 0;
        DnsResponse lastFailure = null;
        IOException lastError = null;
        List<String> silent = new ArrayList<>();
        for (int round = 0; round < settings.attempts(); round++) {
            for (int k = 0; k < servers.size(); k++) {
                InetSocketAddress server = servers.get((start + k) % servers.size());
                try {
                    DnsResponse r = askServer(server, question);
                    if (isFailure(r.message().rcode())) {
                        lastFailure = r;
                        continue;
                    }
                    return r;
                } catch (SocketTimeoutException e) {
                    silent.add(server.toString());
                } catch (IOException e) {
                    lastError = e;
                    LOG.log(System.Logger.Level.DEBUG, () -> "DNS server " + server + " failed: " + e.getMessage());
                }
            }
        }
        if (lastFailure != null) {
            return lastFailure;
        }
        if (lastError != null && silent.isEmpty()) {
            throw new IOException(
                    "no DNS server could be asked about " + question + ": " + lastError.getMessage(), lastError);
        }
        throw new SocketTimeoutException("no answer about " + question + " from " + String.join(", ", distinct(silent))
                + " (" + settings.attempts() + " attempt" + (settings.attempts() == 1 ? "" : "s") + ", "
                + settings.timeout().toMillis() + " ms each)");
    }

    private static List<String> distinct(List<String> list) {
        return list.stream().distinct().toList();
    }

    private static boolean isFailure(ResponseCode rcode) {
        return rcode.equals(ResponseCode.SERVFAIL)
                || rcode.equals(ResponseCode.REFUSED)
                || rcode.equals(ResponseCode.NOTIMP)
                || rcode.equals(ResponseCode.FORMERR);
    }

    /** One server: UDP (then TCP on truncation), or TCP only; without EDNS if it rejects EDNS. */
    DnsResponse askServer(InetSocketAddress server, DnsQuestion question) throws IOException {
        boolean edns = settings.ednsPayloadSize() > 0;
        DnsResponse r = askOnce(server, question, edns);
        ResponseCode rc = r.message().rcode();
        if (edns
                && r.message().edns().isEmpty()
                && (rc.equals(ResponseCode.FORMERR) || rc.equals(ResponseCode.NOTIMP))) {
            LOG.log(System.Logger.Level.DEBUG, () -> server + " rejects EDNS (" + rc + "); asking again without it");
            r = askOnce(server, question, false);
        }
        return r;
    }

    private DnsResponse askOnce(InetSocketAddress server, DnsQuestion question, boolean edns) throws IOException {
        DnsMessage query = DnsMessage.builder()
                .id(random.nextInt(0x10000))
                .recursionDesired(settings.recursionDesired())
                .question(question)
                .edns(edns ? Edns.of(settings.ednsPayloadSize()) : null)
                .build();
        if (settings.tcpOnly()) {
            return overTcp(server, query);
        }
        DnsResponse r = overUdp(server, query);
        if (r.message().truncated()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "truncated answer from " + server + "; retrying over TCP");
            return overTcp(server, query.withId(random.nextInt(0x10000)));
        }
        return r;
    }

    private DnsResponse overUdp(InetSocketAddress server, DnsMessage query) throws IOException {
        InstantSource clock = settings.clock();
        long started = clock.millis();
        long deadline = started + settings.timeout().toMillis();
        try (ClientSession<ByteBuffer> socket =
                transport.connectDatagram(server, Framers.raw(DnsFramers.MAX_MESSAGE), settings.datagramOptions())) {
            socket.send(query.encode());
            for (int ignored = 0; ignored <= MAX_IGNORED; ignored++) {
                ByteBuffer datagram = socket.receive(remaining(deadline, clock));
                if (datagram == null) {
                    throw new IOException("the UDP socket to " + server + " closed");
                }
                int size = datagram.remaining();
                DnsMessage m;
                try {
                    m = DnsMessage.decode(datagram);
                } catch (DnsFormatException e) {
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            () -> "ignored a malformed datagram from " + server + ": " + e.getMessage());
                    continue;
                }
                if (!answers(query, m)) {
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            () -> "ignored a datagram from " + server + " that does not" + " answer query " + query.id()
                                    + " (id " + m.id() + ")");
                    continue;
                }
                return new DnsResponse(m, server, false, Duration.ofMillis(clock.millis() - started), size);
            }
            throw new SocketTimeoutException(
                    server + " sent more than " + MAX_IGNORED + " datagrams that do not" + " answer the query");
        }
    }

    private DnsResponse overTcp(InetSocketAddress server, DnsMessage query) throws IOException {
        InstantSource clock = settings.clock();
        long started = clock.millis();
        long deadline = started + settings.timeout().toMillis();
        TransportOptions options = settings.streamOptions().toBuilder()
                .connectTimeout(settings.timeout())
                .build();
        try (ClientSession<DnsMessage> connection = transport.connect(server, DnsFramers.tcp(), options)) {
            connection.send(query);
            for (int ignored = 0; ignored <= MAX_IGNORED; ignored++) {
                DnsMessage m = connection.receive(remaining(deadline, clock));
                if (m == null) {
                    throw new IOException(server + " closed the TCP connection without answering");
                }
                if (answers(query, m)) {
                    return new DnsResponse(
                            m, server, true, Duration.ofMillis(clock.millis() - started), m.encodedSize());
                }
            }
            throw new IOException(server + " sent more than " + MAX_IGNORED + " messages that do not answer the query");
        }
    }

    private static Duration remaining(long deadline, InstantSource clock) throws SocketTimeoutException {
        long left = deadline - clock.millis();
        if (left <= 0) {
            throw new SocketTimeoutException("no answer in time");
        }
        return Duration.ofMillis(left);
    }

    /**
     * True when {@code response} answers {@code query}: a response, the same ID and opcode, and
     * the same question (names compared ignoring case). A server that rejects a query outright may
     * leave the question out (FORMERR, NOTIMP, REFUSED, SERVFAIL).
     */
    public static boolean answers(DnsMessage query, DnsMessage response) {
        if (!response.response()
                || response.id() != query.id()
                || !response.opcode().equals(query.opcode())) {
            return false;
        }
        if (response.questions().isEmpty()) {
            return isFailure(response.rcode());
        }
        return response.questions().equals(query.questions());
    }
}
