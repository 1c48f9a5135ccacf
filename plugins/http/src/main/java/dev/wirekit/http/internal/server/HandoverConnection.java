package dev.wirekit.http.internal.server;

import dev.wirekit.api.Connection;
import dev.wirekit.api.SecurityInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * The raw connection given to a handler that takes it over (a CONNECT tunnel): the bytes the server
 * had already buffered past the request come first, then the connection's own.
 */
final class HandoverConnection implements Connection {
    private final Connection connection;
    private final ByteBuffer early;

    HandoverConnection(Connection connection, byte[] early) {
        this.connection = connection;
        this.early = ByteBuffer.wrap(early);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return early.hasRemaining() ? drainEarly(dst) : connection.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        return early.hasRemaining() ? drainEarly(dst) : connection.read(dst, timeout);
    }

    private int drainEarly(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), early.remaining());
        dst.put(dst.position(), early, early.position(), n);
        dst.position(dst.position() + n);
        early.position(early.position() + n);
        return n;
    }

    @Override
    public void write(ByteBuffer... srcs) throws IOException {
        connection.write(srcs);
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        return connection.transferFrom(file, position, count);
    }

    @Override
    public void flush() throws IOException {
        connection.flush();
    }

    @Override
    public void shutdownOutput() throws IOException {
        connection.shutdownOutput();
    }

    @Override
    public InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : HandoverConnection.this.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    @Override
    public OutputStream outputStream() {
        return connection.outputStream();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return connection.localAddress();
    }

    @Override
    public Optional<SecurityInfo> security() {
        return connection.security();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public void abort() {
        connection.abort();
    }
}
