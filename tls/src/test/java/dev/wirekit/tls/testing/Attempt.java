package dev.wirekit.tls.testing;

import dev.wirekit.api.Connection;
import dev.wirekit.api.SecurityInfo;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import dev.wirekit.api.layer.Layer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One client attempt against a line-echo server: connect, send a line, read the echo. The result is
 * either the echoed line with the session's security, or the exception from connect or read.
 */
public record Attempt(String echoed, SecurityInfo security, IOException failure) {

    public boolean succeeded() {
        return failure == null;
    }

    public static Attempt run(Transport transport, InetSocketAddress address, Layer clientLayer) {
        return run(
                transport,
                address,
                TransportOptions.builder().layer(clientLayer).build());
    }

    public static Attempt run(Transport transport, InetSocketAddress address, TransportOptions options) {
        try (Connection c = transport.connect(address, options)) {
            c.write(ByteBuffer.wrap("ping\n".getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (true) {
                one.clear();
                int n = c.read(one, Duration.ofSeconds(30));
                if (n < 0) {
                    return new Attempt(null, null, new IOException("the server closed the connection without a reply"));
                }
                if (one.get(0) == '\n') {
                    return new Attempt(
                            line.toString(StandardCharsets.UTF_8), c.security().orElse(null), null);
                }
                line.write(one.get(0));
            }
        } catch (IOException e) {
            return new Attempt(null, null, e);
        }
    }

    @Override
    public String toString() {
        return succeeded() ? "echoed '" + echoed + "'" : "failed: " + failure;
    }
}
