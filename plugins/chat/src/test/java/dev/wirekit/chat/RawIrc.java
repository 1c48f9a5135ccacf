package dev.wirekit.chat;

import dev.wirekit.api.Connection;
import dev.wirekit.api.Transport;
import dev.wirekit.api.TransportOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A byte-level IRC peer for tests: writes any bytes, reads the server's replies as messages. */
final class RawIrc implements AutoCloseable {
    final Connection connection;
    private final BufferedReader in;

    RawIrc(Transport transport, InetSocketAddress address) throws IOException {
        connection = transport.connect(
                address,
                TransportOptions.builder().readTimeout(Duration.ofSeconds(20)).build());
        in = new BufferedReader(new InputStreamReader(connection.inputStream(), StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) throws IOException {
        connection.write(ByteBuffer.wrap(bytes));
    }

    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next message, or null at the end of the stream. */
    IrcMessage next() throws IOException {
        String line = in.readLine();
        return line == null ? null : IrcMessage.parse(line);
    }

    IrcMessage expect(String command) throws IOException {
        StringBuilder seen = new StringBuilder();
        IrcMessage m;
        while ((m = next()) != null) {
            if (m.command().equals(command)) {
                return m;
            }
            seen.append(m).append(" | ");
        }
        throw new AssertionError("the stream ended without a " + command + "; seen: " + seen);
    }

    /**
     * Everything until the server closes the connection, by FIN or by reset (a server that closes
     * with unread input resets); fails on the read timeout if it does not close.
     */
    String readToEnd() throws IOException {
        StringBuilder rest = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) != -1) {
                rest.append((char) c);
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection; it sent: " + rest, e);
        } catch (java.net.SocketException e) {
            // reset: closed too
        }
        return rest.toString();
    }

    @Override
    public void close() {
        connection.close();
    }
}
