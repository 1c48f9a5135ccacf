package dev.wirekit.http.server;

import dev.wirekit.api.SecurityInfo;
import dev.wirekit.http.Headers;
import dev.wirekit.http.Parameters;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the server received it: the request line, the header fields, and a body that is
 * read on demand (so a handler can stream a large upload).
 *
 * <p>The body is decoded from its framing (Content-Length or chunked) and bounded by the server's
 * {@link HttpLimits#maxBodyBytes()}: reading past it throws an {@link dev.wirekit.http.HttpException}
 * with status 413. When the client sent {@code Expect: 100-continue}, the interim {@code 100
 * Continue} goes out when the body is first read, so a handler that refuses a request before
 * reading spares the client the upload.
 */
public interface Request {

    /** The method, as sent: {@code GET}, {@code POST}... */
    String method();

    /** The request-target exactly as sent: {@code /search?q=x}, or an absolute URI for a proxy. */
    String target();

    /** The path of the target, still percent-encoded: {@code /a%20b}. */
    String rawPath();

    /**
     * The path with percent-escapes decoded as UTF-8: {@code /a b}.
     *
     * @throws dev.wirekit.http.HttpException 400 when an escape is malformed
     */
    String path();

    /** The query string without the {@code ?}, still encoded; null when there is none. */
    String rawQuery();

    /**
     * The query parameters.
     *
     * @throws dev.wirekit.http.HttpException 400 when the query is malformed
     */
    Parameters query();

    /** The first value of query parameter {@code name}, or null. */
    default String queryParam(String name) {
        return query().get(name);
    }

    /**
     * The value of the route's path parameter {@code name} ({@code {id}} in {@code /users/{id}}),
     * decoded; null when the route has none by that name. A trailing {@code *} is named {@code "*"}.
     */
    String pathParam(String name);

    /** Every path parameter of the matched route, by name. */
    Map<String, String> pathParams();

    /** {@code HTTP/1.0} or {@code HTTP/1.1}. */
    String version();

    /** The header fields. */
    Headers headers();

    /** The first value of header {@code name}, or null. */
    default String header(String name) {
        return headers().get(name);
    }

    /** The host the request is for: from an absolute target, else the Host field; null if neither. */
    String host();

    /** The body's declared length: a byte count, 0 for no body, -1 when chunked. */
    long contentLength();

    /** The body, decoded from its framing; empty when there is none. May be read once. */
    InputStream body();

    /** The whole body (bounded by the server's body limit). */
    byte[] bodyBytes() throws IOException;

    /** The whole body as text, in the charset of its Content-Type (UTF-8 when none is named). */
    String bodyText() throws IOException;

    /**
     * The body as a submitted form ({@code application/x-www-form-urlencoded}).
     *
     * @throws dev.wirekit.http.HttpException 415 when the body is of another type, 400 when it is
     *     malformed
     */
    Parameters form() throws IOException;

    /**
     * The body as {@code multipart/form-data} parts (RFC 7578): form fields and uploaded files, in
     * order, read whole (within the server's body limit).
     *
     * @throws dev.wirekit.http.HttpException 415 when the body is of another type, 400 when it is
     *     malformed
     */
    java.util.List<FormPart> parts() throws IOException;

    /** The client's address. */
    InetSocketAddress remoteAddress();

    /** The server's address the client connected to. */
    InetSocketAddress localAddress();

    /** What TLS negotiated, when the connection is secure. */
    Optional<SecurityInfo> security();
}
