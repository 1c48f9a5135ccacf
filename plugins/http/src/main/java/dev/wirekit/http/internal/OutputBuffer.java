package dev.wirekit.http.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The buffered outbound side of one HTTP connection: a message head and the start of its body are
 * gathered and go out in one write; large writes pass straight through. Not thread-safe.
 */
public final class OutputBuffer {
    private final ByteSink sink;
    private final byte[] buf;
    private int count;

    public OutputBuffer(ByteSink sink, int capacity) {
        this.sink = sink;
        this.buf = new byte[capacity];
    }

    /** Bytes buffered and not yet written. */
    public int buffered() {
        return count;
    }

    /** Buffers {@code s}, one byte per character (ISO-8859-1). */
    public void writeLatin1(String s) throws IOException {
        int n = s.length();
        if (count + n > buf.length) {
            flush();
            if (n > buf.length) {
                sink.write(ByteBuffer.wrap(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
                return;
            }
        }
        for (int i = 0; i < n; i++) {
            buf[count++] = (byte) s.charAt(i);
        }
    }

    public void writeByte(int b) throws IOException {
        if (count == buf.length) {
            flush();
        }
        buf[count++] = (byte) b;
    }

    public void writeCrlf() throws IOException {
        if (count + 2 > buf.length) {
            flush();
        }
        buf[count++] = '\r';
        buf[count++] = '\n';
    }

    /** Buffers {@code b[off, off + len)}, or writes it with what is buffered when it is large. */
    public void write(byte[] b, int off, int len) throws IOException {
        if (len <= buf.length - count) {
            System.arraycopy(b, off, buf, count, len);
            count += len;
            return;
        }
        if (count > 0 && len < buf.length) {
            flush();
            System.arraycopy(b, off, buf, 0, len);
            count = len;
            return;
        }
        if (count > 0) {
            ByteBuffer head = ByteBuffer.wrap(buf, 0, count);
            count = 0;
            sink.write(head, ByteBuffer.wrap(b, off, len));
        } else {
            sink.write(ByteBuffer.wrap(b, off, len));
        }
    }

    /** Writes what is buffered to the sink (without waiting for the socket). */
    public void flush() throws IOException {
        if (count > 0) {
            ByteBuffer pending = ByteBuffer.wrap(buf, 0, count);
            count = 0;
            sink.write(pending);
        }
    }

    /**
     * Reads {@code length} bytes of {@code file} into the buffer, after what is there, when they
     * fit in it (flushing first if need be).
     *
     * @return false, having done nothing, when {@code length} is larger than the buffer
     * @throws EOFException when the file is shorter than {@code position + length}
     */
    public boolean readFrom(FileChannel file, long position, long length) throws IOException {
        if (length > buf.length) {
            return false;
        }
        if (length > buf.length - count) {
            flush();
        }
        ByteBuffer dst = ByteBuffer.wrap(buf, count, (int) length);
        long at = position;
        while (dst.hasRemaining()) {
            int n = file.read(dst, at);
            if (n < 0) {
                throw new EOFException("the file ended " + dst.remaining() + " bytes early");
            }
            at += n;
        }
        count += (int) length;
        return true;
    }

    /** Writes what is buffered, then {@code count} bytes of {@code file}, zero-copy when possible. */
    public long transferFrom(FileChannel file, long position, long length) throws IOException {
        flush();
        return sink.transferFrom(file, position, length);
    }

    /** Writes what is buffered and waits until the socket has taken everything. */
    public void flushAndWait() throws IOException {
        flush();
        sink.flush();
    }
}
