package dev.wirekit.file.internal;

import dev.wirekit.api.Connection;
import dev.wirekit.api.framing.FrameDecoder;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link FileMessage}s over a blocking {@link Connection}, both ways, through {@link FileFramer}.
 * One thread may receive while another sends (the client watches for an early error while it
 * uploads); receiving is not thread-safe in itself, nor is sending.
 */
public final class MessageChannel implements AutoCloseable {
    private final Connection connection;
    private final FrameDecoder<FileMessage> decoder = FileFramer.instance().newDecoder();
    /** A quiet connection keeps this much; a header frame or a stream of data grows it. */
    private static final int SMALL = 8 * 1024;
    /** The most it grows to: a whole header frame and then some, or 128 KiB reads of data. */
    private static final int LARGE = 2 * FileFramer.MAX_FRAME;

    private ByteBuffer in = ByteBuffer.allocate(SMALL).flip();
    private boolean ended;

    public MessageChannel(Connection connection) {
        this.connection = connection;
    }

    /**
     * The next message, waiting at most {@code timeout} for each read ({@link Duration#ZERO}: no
     * limit).
     *
     * @return the message, or null when the peer closed the connection between messages
     * @throws EOFException when the peer closed it in the middle of a message
     * @throws dev.wirekit.api.framing.FramingException when the bytes are not a valid message
     */
    public FileMessage receive(Duration timeout) throws IOException {
        while (true) {
            FileMessage message = decoder.decode(in);
            if (message != null) {
                return message;
            }
            if (ended) {
                if (in.hasRemaining()) {
                    throw new EOFException("the connection closed in the middle of a message (" + in.remaining()
                            + " bytes of it had arrived)");
                }
                return null;
            }
            in.compact();
            if (!in.hasRemaining()) {
                grow(); // a frame larger than the buffer, or data streaming in
            }
            int n;
            try {
                n = connection.read(in, timeout);
            } finally {
                in.flip();
            }
            if (n < 0) {
                ended = true;
            } else if (n == in.capacity() && in.capacity() < LARGE) {
                in.compact();
                grow(); // a full read: more is coming, read it in larger pieces
                in.flip();
            }
        }
    }

    /** Doubles the buffer (write mode), up to {@link #LARGE}. */
    private void grow() {
        ByteBuffer bigger = ByteBuffer.allocate(Math.min(LARGE, in.capacity() * 2));
        in.flip();
        bigger.put(in);
        in = bigger;
    }

    /**
     * Gives back the memory of a large buffer while nothing is buffered: called between requests,
     * so a connection that waits costs little whatever it moved before.
     */
    public void shrinkWhenIdle() {
        if (!in.hasRemaining() && in.capacity() > SMALL) {
            in = ByteBuffer.allocate(SMALL).flip();
        }
    }

    /** Frames and writes {@code message}; waits while the outbound queue is full. */
    public void send(FileMessage message) throws IOException {
        List<ByteBuffer> parts = new ArrayList<>(2);
        FileFramer.instance().encode(message, parts);
        connection.write(parts.toArray(ByteBuffer[]::new));
    }

    /**
     * Writes {@code count} bytes of {@code file} from {@code position} as raw bytes; zero-copy
     * when the transport can and no layer is in the way.
     *
     * @throws EOFException when the file is shorter than that
     */
    public void sendFile(FileChannel file, long position, long count) throws IOException {
        long sent = connection.transferFrom(file, position, count);
        if (sent < count) {
            throw new EOFException("the file ended " + (count - sent) + " bytes early while it was being sent");
        }
    }

    /** Waits until everything sent has been handed to the socket. */
    public void flush() throws IOException {
        connection.flush();
    }

    /** The connection underneath. */
    public Connection connection() {
        return connection;
    }

    /** Closes in order: what was sent is written first. */
    @Override
    public void close() {
        connection.close();
    }

    /** Closes at once with a reset, discarding unsent output. */
    public void abort() {
        connection.abort();
    }
}
