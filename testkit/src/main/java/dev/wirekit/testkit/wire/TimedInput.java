package dev.wirekit.testkit.wire;

import dev.wirekit.api.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * An {@link InputStream} over a connection whose every read waits at most the suite's timeout and
 * then throws {@link java.net.SocketTimeoutException}, whatever read timeout the connection's
 * options carry.
 */
final class TimedInput extends InputStream {
    private final Connection connection;
    private final Duration timeout;

    TimedInput(Connection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        return connection.read(ByteBuffer.wrap(b, off, len), timeout);
    }
}
