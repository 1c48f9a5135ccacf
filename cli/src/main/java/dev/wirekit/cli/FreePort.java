package dev.wirekit.cli;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds a port number free for both TCP and UDP, for {@code serve --port 0} of a two-protocol service. */
final class FreePort {
    private FreePort() {}

    static int forTcpAndUdp(String host) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket tcp = new ServerSocket(0, 1, address)) {
                port = tcp.getLocalPort();
            }
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port))) {
                return port;
            } catch (IOException taken) {
                // that number is in use for UDP: try another
            }
        }
        throw new IOException("no port free for both TCP and UDP on " + host + " after 50 attempts");
    }
}
