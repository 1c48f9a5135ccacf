package dev.wirekit.http.internal.server;

import dev.wirekit.api.ConnectionHandler;
import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpStatus;
import dev.wirekit.http.internal.BodyInputStream;
import dev.wirekit.http.internal.OutputBuffer;
import dev.wirekit.http.server.Response;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/** The server's {@link Response}: writes the head and body into the connection's output buffer. */
final class ServerResponse implements Response {
    private static final long DRAINABLE = 256 * 1024;

    private final ServerExchange exchange;
    private final Headers headers = new Headers();
    private int status = 200;
    private boolean committed;
    private ResponseBody stream;
    private long bodyBytes;

    ServerResponse(ServerExchange exchange) {
        this.exchange = exchange;
    }

    long bodyBytes() {
        return stream != null ? stream.bytesWritten() : bodyBytes;
    }

    @Override
    public Response status(int code) {
        checkNotCommitted();
        if (code < 200 && code != 101 || code > 599) {
            throw new IllegalArgumentException("not a final status code: " + code);
        }
        status = code;
        return this;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Response header(String name, String value) {
        checkNotCommitted();
        headers.set(name, value);
        return this;
    }

    @Override
    public Response addHeader(String name, String value) {
        checkNotCommitted();
        headers.add(name, value);
        return this;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    private void checkNotCommitted() {
        if (committed) {
            throw new IllegalStateException("the response head has already been sent");
        }
    }

    private boolean hasBody() {
        return !exchange.isHead && !HttpStatus.forbidsContent(status);
    }

    @Override
    public void send() throws IOException {
        send(new byte[0]);
    }

    @Override
    public void send(String text) throws IOException {
        headers.setIfAbsent("Content-Type", "text/plain; charset=utf-8");
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void send(byte[] body) throws IOException {
        checkNotCommitted();
        checkBodyAllowed(body.length);
        guard(() -> {
            writeHead(body.length);
            if (hasBody()) {
                exchange.conn.output.write(body, 0, body.length);
                bodyBytes = body.length;
            }
        });
    }

    @Override
    public void send(InputStream body, long length) throws IOException {
        checkNotCommitted();
        if (length < 0) {
            try (OutputStream out = outputStream()) {
                body.transferTo(out);
            }
            return;
        }
        checkBodyAllowed(length);
        guard(() -> writeHead(length));
        if (!hasBody()) {
            return;
        }
        byte[] chunk = new byte[(int) Math.min(length, 16 * 1024)];
        long left = length;
        while (left > 0) {
            int n = body.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) {
                throw new EOFException("the body stream ended " + left + " bytes before its declared length");
            }
            guard(() -> exchange.conn.output.write(chunk, 0, n));
            left -= n;
            bodyBytes += n;
        }
    }

    @Override
    public void sendFile(FileChannel file, long position, long count) throws IOException {
        checkNotCommitted();
        checkBodyAllowed(count);
        guard(() -> {
            writeHead(count);
            if (!hasBody() || count == 0) {
                return;
            }
            OutputBuffer out = exchange.conn.output;
            if (!out.readFrom(file, position, count)) {
                long sent = out.transferFrom(file, position, count);
                if (sent != count) {
                    throw new EOFException("the file ended after " + sent + " of " + count + " bytes");
                }
                out.flushAndWait();
            }
            bodyBytes = count;
        });
    }

    private void checkBodyAllowed(long length) {
        if (length > 0 && HttpStatus.forbidsContent(status)) {
            throw new IllegalStateException("a " + status + " response has no body");
        }
    }

    @Override
    public OutputStream outputStream() throws IOException {
        if (stream == null) {
            checkNotCommitted();
            stream = new ResponseBody(this);
        }
        return stream;
    }

    /** Commits the head for a streamed body; {@code declared} is the handler's Content-Length or -1. */
    void commitForStream(long declared) throws IOException {
        guard(() -> writeHead(declared));
    }

    boolean isHeadRequest() {
        return exchange.isHead;
    }

    boolean bodyForbidden() {
        return HttpStatus.forbidsContent(status);
    }

    int clientMinorVersion() {
        return exchange.minorVersion();
    }

    OutputBuffer output() {
        return exchange.conn.output;
    }

    @Override
    public void takeOver(ConnectionHandler next) throws Exception {
        checkNotCommitted();
        if (!(HttpStatus.isSuccess(status) && exchange.head.method().equals("CONNECT") || status == 101)) {
            throw new IllegalStateException("only a 2xx answer to CONNECT or a 101 can take over the connection");
        }
        committed = true;
        exchange.takenOver = true;
        exchange.keepAlive = false;
        OutputBuffer out = exchange.conn.output;
        guard(() -> {
            statusLine(out);
            standardFields(out);
            for (int i = 0; i < headers.size(); i++) {
                field(out, headers.name(i), headers.value(i));
            }
            out.writeCrlf();
            out.flush();
        });
        byte[] early = exchange.conn.input.takeBuffered();
        next.handle(new HandoverConnection(exchange.conn.connection, early));
    }

    /** Sends {@code 100 Continue} when the handler first reads a body the client is holding back. */
    void sendContinue() {
        if (committed || exchange.minorVersion() == 0) {
            return;
        }
        OutputBuffer out = exchange.conn.output;
        try {
            out.writeLatin1("HTTP/1.1 100 Continue\r\n\r\n");
            out.flush();
        } catch (IOException e) {
            exchange.connectionFailure = e;
        }
    }

    /** Completes whatever the handler left: an unsent response, an open body stream. */
    void complete() throws IOException {
        if (exchange.takenOver) {
            return;
        }
        if (stream != null) {
            stream.close();
        } else if (!committed) {
            send();
        }
    }

    /** Sends an error response in place of whatever was set; the caller checked it is not committed. */
    void sendError(int code, String message) throws IOException {
        headers.remove("Content-Type");
        headers.remove("Content-Length");
        headers.remove("Content-Encoding");
        headers.remove("Content-Range");
        headers.remove("ETag");
        headers.remove("Last-Modified");
        headers.remove("Transfer-Encoding");
        status = code;
        String text = code + " " + HttpStatus.reason(code) + ": " + message + "\n";
        headers.set("Content-Type", "text/plain; charset=utf-8");
        headers.set("X-Content-Type-Options", "nosniff");
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** An error response for a request whose head could not be parsed: always closes. */
    static void writeError(ServerConnection conn, int code, String message) throws IOException {
        byte[] body = (code + " " + HttpStatus.reason(code) + ": " + message + "\n").getBytes(StandardCharsets.UTF_8);
        OutputBuffer out = conn.output;
        out.writeLatin1("HTTP/1.1 " + code + " " + HttpStatus.reason(code));
        out.writeCrlf();
        field(out, "Date", conn.dates.now());
        if (conn.config.serverHeader() != null) {
            field(out, "Server", conn.config.serverHeader());
        }
        field(out, "Content-Type", "text/plain; charset=utf-8");
        field(out, "X-Content-Type-Options", "nosniff");
        field(out, "Content-Length", Integer.toString(body.length));
        field(out, "Connection", "close");
        out.writeCrlf();
        out.write(body, 0, body.length);
        out.flush();
    }

    /** Writes the head; {@code contentLength} is -1 when the body's length is not known. */
    private void writeHead(long contentLength) throws IOException {
        committed = true;
        boolean forbids = HttpStatus.forbidsContent(status);
        if (headers.containsToken("Connection", "close")) {
            exchange.keepAlive = false;
        }
        if (!forbids && contentLength < 0 && !exchange.isHead && exchange.minorVersion() == 0) {
            exchange.keepAlive = false; // the body ends when the connection does
        }
        if (exchange.keepAlive && !bodyCanBeDrained()) {
            exchange.keepAlive = false;
        }
        OutputBuffer out = exchange.conn.output;
        statusLine(out);
        standardFields(out);
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (!isFramingField(name)) {
                field(out, name, headers.value(i));
            }
        }
        if (!forbids) {
            if (contentLength >= 0) {
                field(out, "Content-Length", Long.toString(contentLength));
            } else if (!exchange.isHead && exchange.minorVersion() == 1) {
                field(out, "Transfer-Encoding", "chunked");
            }
        }
        StringBuilder connection = new StringBuilder();
        for (String token : headers.tokens("Connection")) {
            if (!token.equalsIgnoreCase("close") && !token.equalsIgnoreCase("keep-alive")) {
                connection.append(connection.isEmpty() ? "" : ", ").append(token);
            }
        }
        if (!exchange.keepAlive) {
            connection.append(connection.isEmpty() ? "" : ", ").append("close");
        } else if (exchange.minorVersion() == 0) {
            connection.append(connection.isEmpty() ? "" : ", ").append("keep-alive");
        }
        if (!connection.isEmpty()) {
            field(out, "Connection", connection.toString());
        }
        out.writeCrlf();
    }

    /** Whether the rest of the request body can be read after the response (so the connection lives). */
    private boolean bodyCanBeDrained() {
        ServerRequest request = exchange.request();
        if (request == null) {
            return false;
        }
        BodyInputStream body = request.bodyStream();
        if (body.isComplete()) {
            return true;
        }
        if (body.firstReadPending()) {
            return false; // the client waits for 100 Continue that will not come
        }
        long left = body.remaining();
        return left < 0 || left <= DRAINABLE;
    }

    private static boolean isFramingField(String name) {
        return name.equalsIgnoreCase("Content-Length")
                || name.equalsIgnoreCase("Transfer-Encoding")
                || name.equalsIgnoreCase("Connection")
                || name.equalsIgnoreCase("Keep-Alive");
    }

    private void statusLine(OutputBuffer out) throws IOException {
        out.writeLatin1("HTTP/1.1 ");
        out.writeLatin1(Integer.toString(status));
        out.writeByte(' ');
        out.writeLatin1(HttpStatus.reason(status));
        out.writeCrlf();
    }

    private void standardFields(OutputBuffer out) throws IOException {
        if (!headers.contains("Date")) {
            field(out, "Date", exchange.conn.dates.now());
        }
        String server = exchange.conn.config.serverHeader();
        if (server != null && !headers.contains("Server")) {
            field(out, "Server", server);
        }
    }

    private static void field(OutputBuffer out, String name, String value) throws IOException {
        out.writeLatin1(name);
        out.writeByte(':');
        out.writeByte(' ');
        out.writeLatin1(value);
        out.writeCrlf();
    }

    /** An action writing to the connection. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    /** Runs {@code write}, recording a failure as the connection's (the client is gone). */
    void guard(Write write) throws IOException {
        try {
            write.run();
        } catch (IOException e) {
            exchange.connectionFailure = e;
            throw e;
        }
    }
}
