package dev.wirekit.dns.support;

import dev.wirekit.dns.DnsMessage;
import dev.wirekit.dns.DnsQuestion;
import dev.wirekit.dns.RecordType;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain UDP socket from a chosen loopback address, for tests that control every datagram. */
public final class UdpClient implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger(1);
    private final DatagramSocket socket;
    private final InetSocketAddress server;

    /** Not connected: a connected JDK socket silently skips sending an empty datagram. */
    public UdpClient(String localAddress, InetSocketAddress server) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        this.server = server;
        socket.setSoTimeout(10_000);
    }

    public static DnsMessage query(String name, RecordType type) {
        return DnsMessage.query(IDS.getAndIncrement() & 0xFFFF, DnsQuestion.of(name, type))
                .build();
    }

    public void send(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    public void send(DnsMessage m) throws IOException {
        send(m.toByteArray());
    }

    /** The next datagram, decoded; fails the test after 10 s of silence. */
    public DnsMessage receive() throws IOException {
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no datagram within 10 s", e);
        }
        return DnsMessage.decode(Arrays.copyOf(buf, p.getLength()));
    }

    /** Sends {@code m} and returns the next datagram. */
    public DnsMessage ask(DnsMessage m) throws IOException {
        send(m);
        return receive();
    }

    @Override
    public void close() {
        socket.close();
    }
}
