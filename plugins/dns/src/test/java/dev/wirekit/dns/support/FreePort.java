package dev.wirekit.dns.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** A loopback port free for both UDP and TCP, for peers that cannot bind port 0 and report it. */
public final class FreePort {
    private FreePort() {}

    public static int udpAndTcp() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket()) {
                    tcp.setReuseAddress(true);
                    tcp.bind(new InetSocketAddress(loopback, port));
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no port free for both UDP and TCP on 127.0.0.1");
    }
}
