package dev.wirekit.http.internal;

import dev.wirekit.api.Connection;
import dev.wirekit.api.OutboundOverflowException;
import dev.wirekit.api.SessionClosedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Where {@link OutputBuffer} sends bytes: a connection, or any stream. */
public interface ByteSink {

    /** Writes every remaining byte of {@code buffers}; they may be reused when this returns. */
    void write(ByteBuffer... buffers) throws IOException;

    /** Writes {@code count} bytes of {@code file} from {@code position}, without a copy if it can. */
    long transferFrom(FileChannel file, long position, long count) throws IOException;

    /** Waits until what was written has been handed to the socket. */
    void flush() throws IOException;

    /**
     * A sink over a connection (zero-copy file transfer when the transport offers it). The
     * transport's unchecked signals that the connection is gone ({@link SessionClosedException},
     * {@link OutboundOverflowException}) come out as {@link IOException}s, like any other failure
     * of the peer.
     */
    static ByteSink of(Connection connection) {
        return new ByteSink() {
            @Override
            public void write(ByteBuffer... buffers) throws IOException {
                try {
                    connection.write(buffers);
                } catch (SessionClosedException | OutboundOverflowException e) {
                    throw new SocketException(e.getMessage(), e);
                }
            }

            @Override
            public long transferFrom(FileChannel file, long position, long count) throws IOException {
                try {
                    return connection.transferFrom(file, position, count);
                } catch (SessionClosedException | OutboundOverflowException e) {
                    throw new SocketException(e.getMessage(), e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    connection.flush();
                } catch (SessionClosedException | OutboundOverflowException e) {
                    throw new SocketException(e.getMessage(), e);
                }
            }
        };
    }

    /** A sink over a stream. */
    static ByteSink of(OutputStream out) {
        return new ByteSink() {
            @Override
            public void write(ByteBuffer... buffers) throws IOException {
                for (ByteBuffer b : buffers) {
                    out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                    b.position(b.limit());
                }
            }

            @Override
            public long transferFrom(FileChannel file, long position, long count) throws IOException {
                ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                long done = 0;
                while (done < count) {
                    chunk.clear().limit((int) Math.min(chunk.capacity(), count - done));
                    int n = file.read(chunk, position + done);
                    if (n < 0) {
                        break;
                    }
                    out.write(chunk.array(), 0, n);
                    done += n;
                }
                return done;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }
}
