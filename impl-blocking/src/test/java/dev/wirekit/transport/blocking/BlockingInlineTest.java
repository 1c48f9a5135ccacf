package dev.wirekit.transport.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wirekit.api.Connection;
import dev.wirekit.api.ConnectionHandler;
import dev.wirekit.api.Server;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A thread-per-connection transport has no event loop to answer on: arming says no, reads go on. */
class BlockingInlineTest {
    @Test
    void armingIsRefusedAndTheBytesAreRead() throws Exception {
        CompletableFuture<Boolean> armed = new CompletableFuture<>();
        ConnectionHandler handler = (Connection c) -> {
            armed.complete(c.armInline(data -> {
                throw new AssertionError("no inline answers on the blocking transport");
            }));
            ByteBuffer buf = ByteBuffer.allocate(16);
            int n = c.read(buf);
            c.write(buf.flip());
            c.flush();
        };
        try (Transport transport = Transport.of(new BlockingTransportProvider());
                Server server = transport.listen(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        handler,
                        TransportOptions.defaults());
                Socket socket = new Socket(
                        server.localAddress().getAddress(),
                        server.localAddress().getPort())) {
            socket.setSoTimeout(30_000);
            assertFalse(armed.get(30, TimeUnit.SECONDS));
            OutputStream out = socket.getOutputStream();
            out.write('x');
            out.flush();
            InputStream in = socket.getInputStream();
            assertEquals('x', in.read());
        }
    }
}
