package dev.wirekit.http.internal.server;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.http.Headers;
import dev.wirekit.http.HttpException;
import dev.wirekit.http.Parameters;
import dev.wirekit.http.internal.BodyInputStream;
import dev.wirekit.http.server.Request;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The server's {@link Request}. */
final class ServerRequest implements Request {
    private final ServerExchange exchange;
    private final RequestTarget target;
    private final BodyInputStream body;
    private final RequestBody guardedBody;
    private final long contentLength;
    private Map<String, String> pathParams = Map.of();
    private Parameters query;
    private String path;

    ServerRequest(ServerExchange exchange, RequestTarget target, BodyInputStream body, long contentLength) {
        this.exchange = exchange;
        this.target = target;
        this.body = body;
        this.guardedBody = new RequestBody(exchange, body);
        this.contentLength = contentLength;
    }

    RequestTarget parsedTarget() {
        return target;
    }

    BodyInputStream bodyStream() {
        return body;
    }

    void pathParams(Map<String, String> params) {
        pathParams = params;
    }

    @Override
    public String method() {
        return exchange.head.method();
    }

    @Override
    public String target() {
        return exchange.head.target();
    }

    @Override
    public String rawPath() {
        return target.rawPath();
    }

    @Override
    public String path() {
        if (path == null) {
            path = PathCodec.decode(target.rawPath());
        }
        return path;
    }

    @Override
    public String rawQuery() {
        return target.rawQuery();
    }

    @Override
    public Parameters query() {
        if (query == null) {
            try {
                query = Parameters.parse(target.rawQuery());
            } catch (IllegalArgumentException e) {
                throw new HttpException(400, "a malformed query string: " + e.getMessage());
            }
        }
        return query;
    }

    @Override
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    @Override
    public Map<String, String> pathParams() {
        return pathParams;
    }

    @Override
    public String version() {
        return exchange.head.version();
    }

    @Override
    public Headers headers() {
        return exchange.head.headers();
    }

    @Override
    public String host() {
        return target.authority() != null ? target.authority() : headers().get("Host");
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public InputStream body() {
        return guardedBody;
    }

    @Override
    public byte[] bodyBytes() throws IOException {
        return guardedBody.readAllBytes();
    }

    @Override
    public String bodyText() throws IOException {
        return new String(bodyBytes(), charset());
    }

    private Charset charset() {
        String type = headers().get("Content-Type");
        if (type != null) {
            for (String param : type.split(";")) {
                String p = param.strip();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = p.substring(8).replace("\"", "").strip();
                    try {
                        return Charset.forName(name);
                    } catch (IllegalArgumentException e) {
                        throw new HttpException(415, "the charset of the body is not supported");
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public Parameters form() throws IOException {
        String type = headers().get("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/x-www-form-urlencoded")) {
            throw new HttpException(415, "expected a form (application/x-www-form-urlencoded)");
        }
        String text = new String(bodyBytes(), StandardCharsets.ISO_8859_1);
        try {
            return Parameters.parse(text);
        } catch (IllegalArgumentException e) {
            throw new HttpException(400, "a malformed form: " + e.getMessage());
        }
    }

    @Override
    public java.util.List<dev.wirekit.http.server.FormPart> parts() throws IOException {
        String boundary =
                dev.wirekit.http.internal.MultipartParser.boundary(headers().get("Content-Type"));
        if (boundary == null) {
            throw new HttpException(415, "expected multipart/form-data with a boundary");
        }
        return dev.wirekit.http.internal.MultipartParser.parse(bodyBytes(), boundary);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return exchange.conn.connection.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return exchange.conn.connection.localAddress();
    }

    @Override
    public Optional<SecurityInfo> security() {
        return exchange.conn.connection.security();
    }

    @Override
    public String toString() {
        return exchange.head.requestLine();
    }
}
