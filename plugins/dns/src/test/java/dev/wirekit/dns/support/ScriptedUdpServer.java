package dev.wirekit.dns.support;

import dev.wirekit.dns.DnsMessage;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A fake DNS server on a loopback UDP port that answers each query with whatever its script says
 * (several datagrams, garbage, nothing), and records what it received and from where.
 */
public final class ScriptedUdpServer implements AutoCloseable {
    /** A query as received. */
    public record Received(DnsMessage query, InetSocketAddress from) {}

    private final DatagramSocket socket;
    private final Thread thread;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public ScriptedUdpServer(Function<DnsMessage, List<byte[]>> script) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        thread = Thread.ofPlatform().daemon().name("scripted-dns").start(() -> serve(script));
    }

    private void serve(Function<DnsMessage, List<byte[]>> script) {
        byte[] buf = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                DnsMessage q = DnsMessage.decode(java.util.Arrays.copyOf(buf, p.getLength()));
                received.add(new Received(q, (InetSocketAddress) p.getSocketAddress()));
                for (byte[] reply : script.apply(q)) {
                    socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                // a test script's problem: keep serving
            }
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(10_000);
    }
}
