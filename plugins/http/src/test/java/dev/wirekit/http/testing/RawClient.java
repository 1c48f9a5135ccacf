package dev.wirekit.http.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain socket that sends raw bytes and reads whatever comes back: for malformed requests. */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The client's own port, which the server's log lines name. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Closes with a reset (SO_LINGER 0): an abrupt end. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Half-closes: the server reads the end of the stream. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads until the server closes (or 10 s of silence); returns everything read. */
    public String readAll() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                all.write(buf, 0, n);
            }
        } catch (SocketTimeoutException | SocketException e) {
            // a reset or silence ends the reading just like a close
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads until {@code marker} has been seen {@code times} times, the stream ends, or 10 s pass. */
    public String readUntil(String marker, int times) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            while (count(all.toString(StandardCharsets.ISO_8859_1), marker) < times) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                all.write(buf, 0, n);
            }
        } catch (SocketTimeoutException | SocketException e) {
            // return what came
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one response with a Content-Length body (or none); returns head and body. */
    public String readResponse() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int headEnd = -1;
        long length = 0;
        while (true) {
            if (headEnd < 0) {
                String text = all.toString(StandardCharsets.ISO_8859_1);
                headEnd = text.indexOf("\r\n\r\n");
                if (headEnd >= 0) {
                    for (String line : text.substring(0, headEnd).split("\r\n")) {
                        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                            length = Long.parseLong(line.substring(15).strip());
                        }
                    }
                }
            }
            if (headEnd >= 0 && all.size() >= headEnd + 4 + length) {
                return all.toString(StandardCharsets.ISO_8859_1);
            }
            int b = in.read();
            if (b < 0) {
                return all.toString(StandardCharsets.ISO_8859_1);
            }
            all.write(b);
        }
    }

    public static int count(String text, String marker) {
        int n = 0;
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length())) {
            n++;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
