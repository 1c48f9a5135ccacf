package dev.wirekit.testkit.wire;

import dev.wirekit.api.Connection;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the DNS suite talks to its target: UDP through a plain {@link DatagramSocket} (so it can send
 * datagrams no codec would produce, empty ones included), TCP through the suite's stream connection
 * (so {@code --tls} checks DNS over TLS), each message with a two-byte length (RFC 1035 §4.2.2).
 */
final class DnsExchange {
    /** Opens a stream connection to the target. */
    @FunctionalInterface
    interface StreamOpener {
        Connection open() throws IOException;
    }

    private final InetSocketAddress target;
    private final Duration timeout;
    private final StreamOpener tcp;

    DnsExchange(InetSocketAddress target, Duration timeout, StreamOpener tcp) {
        this.target = target.isUnresolved() ? new InetSocketAddress(target.getHostString(), target.getPort()) : target;
        if (this.target.isUnresolved()) {
            throw new AssertionError("cannot resolve " + target.getHostString());
        }
        this.timeout = timeout;
        this.tcp = tcp;
    }

    private DatagramSocket socket() throws IOException {
        DatagramSocket s = new DatagramSocket(0, localFor(target.getAddress()));
        s.connect(target);
        s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        return s;
    }

    private static InetAddress localFor(InetAddress remote) throws IOException {
        return remote.isLoopbackAddress() ? remote : null;
    }

    /** Sends {@code q} over UDP and returns the response with its ID; responses with other IDs fail DNS-1. */
    DnsReply udp(DnsQuery q) throws IOException {
        try (DatagramSocket s = socket()) {
            byte[] bytes = q.encode();
            s.send(new DatagramPacket(bytes, bytes.length));
            byte[] buf = new byte[65535];
            List<Integer> strays = new ArrayList<>();
            while (strays.size() < 16) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    if (!strays.isEmpty()) {
                        throw new AssertionError("responses came with IDs " + strays + " instead of the query's " + q.id
                                + " (RFC 1035 §4.1.1: the ID is copied into the response)");
                    }
                    throw new AssertionError("no UDP response from " + target + " within " + timeout + " to " + q
                            + "; check the server is running, serves the zone, and does not rate-limit this client");
                }
                DnsReply r = DnsReply.parse(buf, p.getLength());
                if (r.id == q.id) {
                    return r;
                }
                strays.add(r.id);
            }
            throw new AssertionError("16 UDP responses with other IDs " + strays + " to " + q);
        }
    }

    /**
     * Sends {@code bad}, then a valid query for {@code goodName}/A from the same socket; once that is
     * answered, sends a second valid query and waits for its answer too. Returns every response
     * that came before the second answer and answers neither valid query: what the server said to
     * the bad datagram. The second round trip matters for servers that handle one client's
     * datagrams concurrently: their reply to the bad datagram may overtake the first good answer's
     * or follow it, but a reply still pending after a further round trip is no longer plausible.
     */
    List<DnsReply> badThenGood(byte[] bad, String goodName) throws IOException {
        List<DnsReply> others = new ArrayList<>();
        try (DatagramSocket s = socket()) {
            s.send(new DatagramPacket(bad, bad.length));
            for (int round = 1; round <= 2; round++) {
                DnsQuery good = new DnsQuery(goodName, DnsQuery.TYPE_A);
                byte[] g = good.encode();
                s.send(new DatagramPacket(g, g.length));
                awaitAnswer(s, good, round, others);
            }
        }
        return others;
    }

    private void awaitAnswer(DatagramSocket s, DnsQuery good, int round, List<DnsReply> others) throws IOException {
        byte[] buf = new byte[65535];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                throw new AssertionError(
                        "the server stopped answering after a bad datagram: no response to valid query " + round
                                + " within " + timeout);
            }
            DnsReply r = DnsReply.parse(buf, p.getLength());
            if (r.id == good.id
                    && r.qr()
                    && r.questions.size() == 1
                    && r.questions.get(0).type() == DnsQuery.TYPE_A) {
                if (r.rcode() != 0) {
                    throw new AssertionError("valid query " + round + " after the bad datagram got rcode " + r.rcode());
                }
                return;
            }
            others.add(r);
        }
    }

    /** Sends each datagram from one unconnected socket (a connected JDK socket skips empty datagrams). */
    void sendRaw(byte[]... datagrams) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, localFor(target.getAddress()))) {
            for (byte[] d : datagrams) {
                s.send(new DatagramPacket(d, d.length, target));
            }
        }
    }

    /** Sends every query on one TCP connection at once, then reads as many responses. */
    List<DnsReply> tcp(List<DnsQuery> queries) throws IOException {
        try (Connection c = tcp.open()) {
            for (DnsQuery q : queries) {
                byte[] b = q.encode();
                c.write(ByteBuffer.allocate(2 + b.length)
                        .putShort((short) b.length)
                        .put(b)
                        .flip());
            }
            List<DnsReply> replies = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                int n = Short.toUnsignedInt(ByteBuffer.wrap(read(c, 2, i)).getShort());
                replies.add(DnsReply.parse(read(c, n, i), n));
            }
            return replies;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no TCP response from " + target + " within " + timeout, e);
        }
    }

    private byte[] read(Connection c, int n, int index) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (c.read(b, timeout) < 0) {
                throw new EOFException("the server closed the TCP connection " + (index == 0 ? "before" : "after")
                        + " response " + (index + 1) + " (" + b.position() + " of " + n + " bytes)");
            }
        }
        return b.array();
    }
}
